CREATE TABLE clicks (user_id INT, page STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT page, COUNT(*), MAX(user_id) + 1, page || '!' FROM clicks GROUP BY page;
