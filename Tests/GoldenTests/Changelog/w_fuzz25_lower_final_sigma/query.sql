-- LOWER writes a word-final capital sigma as the final sigma, as Java's toLowerCase. Computed by Flink 2.3.
CREATE TABLE t (id INT, s STRING);
SELECT id, LOWER(s) AS c0 FROM t
