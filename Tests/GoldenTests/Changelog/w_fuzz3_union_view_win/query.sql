CREATE TABLE clicks (user_id INT, page STRING, ts TIMESTAMP(3), d BIGINT, WATERMARK FOR ts AS ts - INTERVAL '0' SECOND);
WITH ab AS (SELECT * FROM clicks WHERE user_id = 1 UNION ALL SELECT * FROM clicks WHERE page = '/a') SELECT window_start, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE ab, DESCRIPTOR(ts), INTERVAL '5' SECOND)) GROUP BY window_start, window_end;
