-- CASTs of a TIMESTAMP_LTZ in Los Angeles: a wall clock in the spring-forward gap is the instant after it, DATE and TIME floored before 1970. Computed by Flink 2.3.
CREATE TABLE t (id INT, ts TIMESTAMP(3), d DATE, tm TIME(0), s STRING, ltz TIMESTAMP_LTZ(3));
SELECT id, CAST(CAST(ts AS TIMESTAMP_LTZ(3)) AS STRING) AS c0, CAST(CAST(ltz AS TIMESTAMP(3)) AS STRING) AS c1, CAST(CAST(ltz AS DATE) AS STRING) AS c2, CAST(CAST(ltz AS TIME) AS STRING) AS c3, CAST(ltz AS STRING) AS c4, CAST(CAST(d AS TIMESTAMP_LTZ(3)) AS STRING) AS c5 FROM t
