-- DECIMAL(20, 0) and DECIMAL(38, 4) values past 64 bits read exactly from JSON. Computed by Flink 2.3.
CREATE TABLE t (id INT, c DECIMAL(20, 0), b DECIMAL(38, 4));
SELECT id, CAST(c AS STRING) AS cs, CAST(b AS STRING) AS bs FROM t;
