-- FLOAT * DOUBLE makes the DOUBLE a FLOAT first. Computed by Flink 2.3.
CREATE TABLE t (id INT, f FLOAT, d DOUBLE, i INT, m DECIMAL(10, 2));
SELECT id, f * d AS r, CAST(f * d AS STRING) AS rs FROM t;
