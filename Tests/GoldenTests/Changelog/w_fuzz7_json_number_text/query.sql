CREATE TABLE j (id INT, doc STRING);
SELECT id, JSON_VALUE(doc, '$.f') AS vf, JSON_VALUE(doc, '$.z') AS vz, JSON_QUERY(doc, '$.e' WITH WRAPPER) AS qe, JSON_QUERY(doc, '$.z' WITH WRAPPER) AS qz, JSON_QUERY(doc, '$.f' WITH WRAPPER) AS qf, JSON_QUERY(doc, '$') AS q FROM j;
