-- UNIX_TIMESTAMP(text, pattern) whose pattern reads a zone offset (X: Z, -02, +0800), as Flink's documentation example. Computed by Flink 2.3.
CREATE TABLE t (id INT, s STRING);
SELECT id, UNIX_TIMESTAMP(s, 'yyyy-MM-dd HH:mm:ss.SSS X') AS u FROM t;
