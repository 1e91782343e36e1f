CREATE TABLE clicks (user_id INT, page STRING, `timestamp` TIMESTAMP(3), duration_ms BIGINT, WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '2' SECOND);
SELECT user_id, page, COUNT(*) OVER (PARTITION BY user_id ORDER BY `timestamp` ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS n FROM clicks WHERE page = '/cart'
UNION ALL
SELECT user_id, page, 0 AS n FROM clicks WHERE page = '/main';
