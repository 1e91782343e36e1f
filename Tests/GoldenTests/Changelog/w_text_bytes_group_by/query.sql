-- Strings grouped by their UTF-8 bytes: 'é' and 'e' + U+0301 are two groups, as Flink compares them. Computed by Flink 2.3.
CREATE TABLE t (id INT, s STRING);
SELECT s, COUNT(*) AS n FROM t GROUP BY s;
