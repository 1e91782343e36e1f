-- The value construction page's implicit row constructor (n, s). Computed by Flink 2.3.
CREATE TABLE t (n INT, s STRING);
SELECT CAST((n, s) AS STRING) AS r FROM t;
