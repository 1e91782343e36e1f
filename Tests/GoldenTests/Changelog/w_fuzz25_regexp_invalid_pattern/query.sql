-- REGEXP with a pattern that does not compile, or an empty one, is FALSE. Computed by Flink 2.3.
CREATE TABLE t (id INT, s STRING);
SELECT id, REGEXP(s, '(') AS c0, REGEXP(s, '') AS c1 FROM t
