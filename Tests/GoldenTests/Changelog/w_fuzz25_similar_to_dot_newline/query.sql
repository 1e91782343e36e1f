-- SIMILAR TO: _ and a pattern's own . do not take a line break. Computed by Flink 2.3.
CREATE TABLE t (id INT, s STRING);
SELECT id, s SIMILAR TO '.*' AS c0, s SIMILAR TO 'a_b' AS c1 FROM t
