CREATE TABLE clicks (id INT, page STRING, n INT);
SELECT id, page FROM clicks WHERE page IN (SELECT p FROM (VALUES ('/a'), ('/c')) AS v(p));
