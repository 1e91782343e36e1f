-- Text counted in Java's UTF-16 units where Flink does: an empty REPLACE/REGEXP_REPLACE/SPLIT pattern splits an emoji into two lone surrogates (written ?), PRINTF widths and precisions; CHAR_LENGTH counts characters. Computed by Flink 2.3.
CREATE TABLE t (id INT, s STRING);
SELECT id, REGEXP_REPLACE(s, '', '-') AS c0, REPLACE(s, '', '-') AS c1, CAST(SPLIT(s, '') AS STRING) AS c2, PRINTF('[%4s]', s) AS c3, PRINTF('[%3.1s]', s) AS c4, PRINTF('[%-6.3s]', s) AS c5, PRINTF('[%5S]', s) AS c6, CHAR_LENGTH(s) AS n FROM t;
