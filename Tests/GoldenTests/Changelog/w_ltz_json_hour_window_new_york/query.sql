-- One-hour windows over a TIMESTAMP_LTZ column read from JSON in America/New_York. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, ts TIMESTAMP_LTZ(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT CAST(window_start AS STRING) AS ws, CAST(window_end AS STRING) AS we, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' HOUR)) GROUP BY window_start, window_end;
