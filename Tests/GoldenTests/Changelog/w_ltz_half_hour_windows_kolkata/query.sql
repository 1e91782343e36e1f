-- tumble 30min/30min windows over a TIMESTAMP_LTZ from JSON in Asia/Kolkata, events every 11.0 min from 2024-04-25T10:00:01Z. Computed by Flink 2.3.
CREATE TABLE t (id INT, ts TIMESTAMP_LTZ(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT CAST(window_start AS STRING) AS ws, CAST(window_end AS STRING) AS we, COUNT(*) AS n, MIN(id) AS lo, MAX(id) AS hi FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '30' MINUTE)) GROUP BY window_start, window_end
