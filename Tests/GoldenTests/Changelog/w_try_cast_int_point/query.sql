-- TRY_CAST of text to INT and BIGINT: digits before a point are the number, none before it reads 0 (Flink's toInt and toLong). Computed by Flink 2.3.
CREATE TABLE t (id INT, s STRING);
SELECT id, s, TRY_CAST(s AS INT) AS i, TRY_CAST(s AS BIGINT) AS b FROM t;
