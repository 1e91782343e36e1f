CREATE TABLE clicks (user_id INT, page STRING, score INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND);
SELECT user_id, page, score FROM clicks ORDER BY ts, score DESC, page;
