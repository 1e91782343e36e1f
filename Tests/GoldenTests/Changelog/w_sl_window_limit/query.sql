CREATE TABLE clicks (user_id INT, page STRING, score INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND);
SELECT window_start, page, COUNT(*) AS c FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end, page ORDER BY c DESC, window_start LIMIT 3;
