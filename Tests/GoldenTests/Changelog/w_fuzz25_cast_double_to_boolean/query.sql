-- CAST of a DOUBLE to BOOLEAN (zero is FALSE). Computed by Flink 2.3.
CREATE TABLE t (id INT, dd DOUBLE);
SELECT id, CAST(dd AS BOOLEAN) AS c0 FROM t
