CREATE TABLE clicks (user_id INT, page STRING, score INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND);
SELECT user_id, page FROM clicks LIMIT 3;
