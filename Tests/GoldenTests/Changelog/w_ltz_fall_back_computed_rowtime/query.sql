-- A 30-minute TUMBLE over a TIMESTAMP_LTZ rowtime in America/New_York across the 2024-11-03 fall-back (the hour 01:00-02:00 comes twice). Computed by Flink 2.3.
CREATE TABLE t (id INT, ms BIGINT, ts AS TO_TIMESTAMP_LTZ(ms, 3), WATERMARK FOR ts AS ts - INTERVAL '1' MINUTE);
SELECT window_start, window_end, COUNT(*) AS c, MIN(id) AS lo, MAX(id) AS hi FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '30' MINUTE)) GROUP BY window_start, window_end;
