-- An edge of a cast or string function as Flink 2.3 computes it (found in differential testing).
CREATE TABLE t (s STRING);
SELECT s, TRY_CAST(s AS INT) AS i, TRY_CAST(s AS DECIMAL(6,2)) AS d FROM t;
