-- An edge of a cast or string function as Flink 2.3 computes it (found in differential testing).
CREATE TABLE t (s STRING, n INT);
SELECT OVERLAY(s PLACING '__' FROM n) AS o FROM t;
