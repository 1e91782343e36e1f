-- An edge of a cast or string function as Flink 2.3 computes it (found in differential testing).
CREATE TABLE t (s STRING);
SELECT REGEXP_REPLACE(s, '\bc', 'C') AS wb, REGEXP_EXTRACT(s, '(\d+)', 1) AS dg, REGEXP_REPLACE(s, '.', '-') AS anychar FROM t;
