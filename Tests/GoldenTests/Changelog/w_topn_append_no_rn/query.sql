CREATE TABLE clicks (user_id INT, page STRING, `timestamp` TIMESTAMP(3), duration_ms BIGINT, WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND);
SELECT page, user_id, duration_ms FROM (
  SELECT page, user_id, duration_ms, ROW_NUMBER() OVER (PARTITION BY page ORDER BY duration_ms DESC) AS rn FROM clicks)
WHERE rn <= 2;
