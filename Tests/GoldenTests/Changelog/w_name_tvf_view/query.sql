CREATE TABLE clicks (user_id INT, page STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
WITH v AS (SELECT UPPER(page) AS p, ts FROM clicks WHERE user_id > 1) SELECT p, window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE v, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end, p;
