CREATE TABLE clicks (user_id INT, page STRING, score INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND);
SELECT page, COUNT(*) AS c, MAX(score) AS m FROM clicks GROUP BY page ORDER BY c DESC LIMIT 2;
