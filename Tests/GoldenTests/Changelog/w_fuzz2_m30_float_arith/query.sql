-- FLOAT arithmetic and text, and a DECIMAL in JSON, as Flink 2.3 writes them (found in differential testing).
CREATE TABLE t (f FLOAT);
SELECT f * 2 AS f2, f + f AS ff FROM t;
