-- CUMULATE windows (20 min step, 1 h) over a TIMESTAMP_LTZ rowtime across the Los Angeles fall-back hour. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, ts TIMESTAMP_LTZ(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT CAST(window_start AS STRING) AS ws, CAST(window_end AS STRING) AS we, COUNT(*) AS n FROM TABLE(CUMULATE(TABLE t, DESCRIPTOR(ts), INTERVAL '20' MINUTE, INTERVAL '1' HOUR)) GROUP BY window_start, window_end;
