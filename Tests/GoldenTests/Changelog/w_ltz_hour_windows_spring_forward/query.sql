-- One-hour TUMBLE windows over a TIMESTAMP_LTZ from JSON around the night clocks go forward in America/Los_Angeles (2024-03-10 10:00 UTC: 02:00-02:59 does not exist). Computed by Flink 2.3.
CREATE TABLE t (id INT, ts TIMESTAMP_LTZ(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT CAST(window_start AS STRING) AS ws, CAST(window_end AS STRING) AS we, CAST(window_time AS STRING) AS wt, COUNT(*) AS n, MIN(id) AS lo, MAX(id) AS hi FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' HOUR)) GROUP BY window_start, window_end, window_time
