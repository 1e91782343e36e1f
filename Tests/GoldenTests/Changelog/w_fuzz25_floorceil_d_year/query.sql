-- FLOOR/CEIL of a DATE (a CEIL to DAY is always the next day). Computed by Flink 2.3.
CREATE TABLE t (id INT, ts TIMESTAMP(3), d DATE, tm TIME(0), s STRING, ltz TIMESTAMP_LTZ(3));
SELECT id, CAST(FLOOR(d TO YEAR) AS STRING) AS c0, CAST(CEIL(d TO YEAR) AS STRING) AS c1 FROM t
