-- One-hour windows over a TIMESTAMP_LTZ across the night clocks go back in America/Los_Angeles: both 01:xx hours in one window. Computed by Flink 2.3.
CREATE TABLE t (id INT, ts TIMESTAMP_LTZ(3), WATERMARK FOR ts AS ts - INTERVAL '1' MINUTE);
SELECT CAST(window_start AS STRING) AS ws, CAST(window_end AS STRING) AS we, CAST(window_time AS STRING) AS wt, COUNT(*) AS n, MIN(id) AS lo, MAX(id) AS hi FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' HOUR)) GROUP BY window_start, window_end, window_time
