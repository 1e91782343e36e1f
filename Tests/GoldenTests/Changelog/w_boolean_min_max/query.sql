CREATE TABLE clicks (page STRING, ok BOOLEAN, n INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT window_start, page, MIN(ok) AS all_ok, MAX(ok) AS any_ok, MIN(n > 2) AS big
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, page;
