CREATE TABLE clicks (user_id INT, page STRING, `timestamp` TIMESTAMP(3), duration_ms BIGINT, WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '2' SECOND);
SELECT user_id, `timestamp`, COUNT(*) OVER (PARTITION BY user_id ORDER BY `timestamp`) AS n, MIN(duration_ms) OVER (PARTITION BY user_id ORDER BY `timestamp`) AS lo FROM clicks;
