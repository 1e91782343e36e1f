-- One-day TUMBLE windows over a TIMESTAMP_LTZ from JSON across both daylight-saving changes of 2024 in America/Los_Angeles (events every 3 hours). Computed by Flink 2.3.
CREATE TABLE t (id INT, ts TIMESTAMP_LTZ(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT CAST(window_start AS STRING) AS ws, CAST(window_end AS STRING) AS we, CAST(window_time AS STRING) AS wt, COUNT(*) AS n, MIN(id) AS lo, MAX(id) AS hi FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' DAY)) GROUP BY window_start, window_end, window_time
