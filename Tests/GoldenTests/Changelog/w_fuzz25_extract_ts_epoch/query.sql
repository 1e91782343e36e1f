-- EXTRACT(EPOCH) counts seconds toward zero before 1970. Computed by Flink 2.3.
CREATE TABLE t (id INT, ts TIMESTAMP(3), d DATE, tm TIME(0), s STRING, ltz TIMESTAMP_LTZ(3));
SELECT id, EXTRACT(EPOCH FROM ts) AS c0 FROM t
