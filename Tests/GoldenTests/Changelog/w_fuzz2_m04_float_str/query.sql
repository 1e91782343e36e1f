-- FLOAT arithmetic and text, and a DECIMAL in JSON, as Flink 2.3 writes them (found in differential testing).
CREATE TABLE t (f FLOAT);
SELECT CAST(f AS STRING) AS s FROM t;
