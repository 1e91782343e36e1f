CREATE TABLE clicks (id INT, page STRING, n INT);
SELECT page FROM clicks UNION ALL SELECT 'extra' AS page;
