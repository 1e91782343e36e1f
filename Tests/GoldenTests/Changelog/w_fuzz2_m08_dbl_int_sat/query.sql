-- An edge of a cast or string function as Flink 2.3 computes it (found in differential testing).
CREATE TABLE t (x DOUBLE);
SELECT CAST(x AS INT) AS i FROM t;
