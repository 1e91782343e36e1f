CREATE TABLE clicks (user_id INT, page STRING, `timestamp` TIMESTAMP(3), duration_ms BIGINT, WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND);
SELECT page, user_id, COUNT(*) AS n, SUM(duration_ms) AS total FROM clicks GROUP BY page, user_id;
