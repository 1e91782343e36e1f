-- ROUND of a DECIMAL to -2 and -1 digits has scale 0 (DECIMAL(p - s + 1, 0)). Computed by Flink 2.3.
CREATE TABLE t (id INT, e DECIMAL(38, 18), m DECIMAL(10, 2));
SELECT id, CAST(ROUND(e, -2) AS STRING) AS re, CAST(ROUND(m, -1) AS STRING) AS rm, CAST(ROUND(m, -1) + 0.5 AS STRING) AS rm5 FROM t;
