CREATE TABLE clicks (user_id INT, page STRING, `timestamp` TIMESTAMP(3), duration_ms BIGINT, WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND);
SELECT COUNT(*) AS n, AVG(duration_ms) AS mean FROM clicks HAVING COUNT(*) > 5;
