-- BIGINT / DECIMAL(10, 2) is DECIMAL(32, 11), all 20 digits kept. Computed by Flink 2.3.
CREATE TABLE t (id INT, i INT, b BIGINT, si SMALLINT, f FLOAT, d DOUBLE, m DECIMAL(10, 2), w DECIMAL(5, 4), s STRING);
SELECT id, b / m AS r, CAST(b / m AS STRING) AS rs FROM t;
