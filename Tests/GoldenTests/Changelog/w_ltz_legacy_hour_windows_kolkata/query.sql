-- The legacy GROUP BY TUMBLE of one hour over a TIMESTAMP_LTZ in Asia/Kolkata: every window, as Flink's legacy window operator writes them. Computed by Flink 2.3.
CREATE TABLE t (id INT, ts TIMESTAMP_LTZ(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT CAST(TUMBLE_START(ts, INTERVAL '1' HOUR) AS STRING) AS ws, CAST(TUMBLE_END(ts, INTERVAL '1' HOUR) AS STRING) AS we, COUNT(*) AS n, MIN(id) AS lo, MAX(id) AS hi FROM t GROUP BY TUMBLE(ts, INTERVAL '1' HOUR)
