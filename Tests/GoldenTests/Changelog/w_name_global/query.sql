CREATE TABLE clicks (user_id INT, page STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT COUNT(*), SUM(user_id) FROM clicks;
