CREATE TABLE t (k INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT window_start, COUNT(*) AS keys FROM (SELECT window_start, window_end, k, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '5' SECOND)) GROUP BY window_start, window_end, k) GROUP BY window_start, window_end;
