-- = on strings compares UTF-8 bytes: 'e' + U+0301 is not 'é'. Computed by Flink 2.3.
CREATE TABLE t (id INT, s STRING);
SELECT id, s = 'é' AS eq, CHAR_LENGTH(s) AS n FROM t;
