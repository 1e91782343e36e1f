CREATE TABLE clicks (user_id INT, page STRING, `timestamp` TIMESTAMP(3), duration_ms BIGINT, WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND);
SELECT page AS k, COUNT(*) AS n FROM clicks GROUP BY page
UNION ALL
SELECT CAST(user_id AS STRING) AS k, COUNT(*) AS n FROM clicks GROUP BY user_id;
