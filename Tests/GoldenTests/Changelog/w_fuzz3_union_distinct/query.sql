CREATE TABLE clicks (user_id INT, page STRING, ts TIMESTAMP(3), d BIGINT, WATERMARK FOR ts AS ts - INTERVAL '0' SECOND);
SELECT page FROM clicks WHERE d > 100 UNION SELECT page FROM clicks WHERE user_id = 2;
