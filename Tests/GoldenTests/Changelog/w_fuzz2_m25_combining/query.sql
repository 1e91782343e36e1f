-- An edge of a cast or string function as Flink 2.3 computes it (found in differential testing).
CREATE TABLE t (s STRING);
SELECT LEFT(s, 1) AS lf, REVERSE(s) AS r, RIGHT(s, 2) AS rt FROM t;
