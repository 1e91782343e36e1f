-- An edge of a cast or string function as Flink 2.3 computes it (found in differential testing).
CREATE TABLE t (u STRING);
SELECT PARSE_URL(u, 'PROTOCOL') AS p FROM t;
