CREATE TABLE j (id INT, doc STRING);
SELECT id, JSON_QUERY(doc, '$') AS q, JSON_QUERY(doc, '$.a') AS qa FROM j;
