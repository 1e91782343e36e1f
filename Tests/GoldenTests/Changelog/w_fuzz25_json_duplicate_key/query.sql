-- JSON_VALUE, JSON_QUERY and JSON_EXISTS take the last of a key given twice (Jackson's, as Flink). Computed by Flink 2.3.
CREATE TABLE t (id INT, j STRING);
SELECT id, JSON_VALUE(j, '$.a') AS c0, JSON_QUERY(j, '$.a' WITH ARRAY WRAPPER) AS c1, JSON_EXISTS(j, '$.a') AS c2 FROM t
