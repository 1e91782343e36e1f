-- An edge of a cast or string function as Flink 2.3 computes it (found in differential testing).
CREATE TABLE t (s STRING, n INT);
SELECT LOCATE('l', s, n) AS p FROM t;
