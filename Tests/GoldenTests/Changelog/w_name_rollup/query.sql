CREATE TABLE clicks (user_id INT, page STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT page, user_id, COUNT(*) FROM clicks GROUP BY ROLLUP (page, user_id);
