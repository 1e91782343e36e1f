-- TO_DATE and TRY_CAST of a date with a signed year are NULL. Computed by Flink 2.3.
CREATE TABLE t (id INT, s STRING);
SELECT id, CAST(TO_DATE(s) AS STRING) AS c0, CAST(TRY_CAST(s AS DATE) AS STRING) AS c1 FROM t
