-- A one-day window over a TIMESTAMP_LTZ column read from JSON, aligned to the session zone's days. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, ts TIMESTAMP_LTZ(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT CAST(window_start AS STRING) AS ws, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' DAY)) GROUP BY window_start, window_end;
