-- TRUNCATE of a DECIMAL to negative digits has scale 0, zero included. Computed by Flink 2.3.
CREATE TABLE t (id INT, e DECIMAL(38, 18), m DECIMAL(10, 2));
SELECT id, CAST(TRUNCATE(e, -2) AS STRING) AS te, CAST(TRUNCATE(m, -2) AS STRING) AS tm, CAST(TRUNCATE(m, -2) + 0.5 AS STRING) AS tm5 FROM t;
