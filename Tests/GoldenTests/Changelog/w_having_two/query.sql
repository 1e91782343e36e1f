CREATE TABLE clicks (user_id INT, page STRING, `timestamp` TIMESTAMP(3), duration_ms BIGINT, WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND);
SELECT page, COUNT(DISTINCT user_id) AS users, MAX(duration_ms) AS longest FROM clicks WHERE duration_ms IS NOT NULL GROUP BY page HAVING COUNT(*) >= 3 AND MAX(duration_ms) > 3000;
