-- An edge of a cast or string function as Flink 2.3 computes it (found in differential testing).
CREATE TABLE t (s STRING);
SELECT CAST(s AS VARCHAR(3)) AS v, CAST(s AS CHAR(6)) AS c FROM t;
