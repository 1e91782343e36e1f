-- A TIMESTAMP_LTZ column read from JSON (ISO-8601 format) in America/New_York. Computed by Flink 2.3.
CREATE TABLE t (id INT, ts TIMESTAMP_LTZ(3));
SELECT id, CAST(ts AS STRING) AS s, CAST(CAST(ts AS TIMESTAMP(3)) AS STRING) AS l, UNIX_TIMESTAMP(CAST(ts AS STRING)) AS u FROM t;
