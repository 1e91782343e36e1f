-- JSON_QUERY wildcards over scalars and JSON nulls find nothing ([]), a null document is NULL. Computed by Flink 2.3.
CREATE TABLE t (id INT, j STRING);
SELECT id, JSON_QUERY(j, '$[*]') AS q1, JSON_QUERY(j, '$.*' WITH WRAPPER) AS q2, JSON_QUERY(j, '$.a[*]') AS q3, JSON_QUERY(j, '$.a.*' WITH CONDITIONAL WRAPPER) AS q4, JSON_QUERY(j, '$[*].b') AS q5 FROM t;
