-- DATE_FORMAT, HOUR, CAST to DATE and FLOOR TO DAY of a TIMESTAMP_LTZ column read from JSON in Asia/Kolkata. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, ts TIMESTAMP_LTZ(3));
SELECT id, DATE_FORMAT(ts, 'yyyy-MM-dd HH:mm') AS f, HOUR(ts) AS h, CAST(CAST(ts AS DATE) AS STRING) AS d, CAST(FLOOR(ts TO DAY) AS STRING) AS fd FROM t;
