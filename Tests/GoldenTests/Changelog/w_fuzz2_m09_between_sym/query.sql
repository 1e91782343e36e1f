-- An edge of a cast or string function as Flink 2.3 computes it (found in differential testing).
CREATE TABLE t (a INT);
SELECT a BETWEEN SYMMETRIC 10 AND 1 AS b FROM t;
