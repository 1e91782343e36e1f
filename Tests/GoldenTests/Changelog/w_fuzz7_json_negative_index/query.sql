CREATE TABLE j (id INT, doc STRING);
SELECT id, JSON_VALUE(doc, '$.b[-1]') AS v1, JSON_QUERY(doc, '$.b[-2]' WITH WRAPPER) AS q2 FROM j;
