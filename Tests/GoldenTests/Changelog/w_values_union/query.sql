CREATE TABLE clicks (id INT, page STRING, n INT);
SELECT id, page FROM clicks UNION ALL SELECT id, page FROM (VALUES (10, 'x'), (11, CAST(NULL AS STRING))) AS v(id, page);
