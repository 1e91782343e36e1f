CREATE TABLE clicks (
  user_id INT, page STRING, `timestamp` TIMESTAMP(3), duration_ms BIGINT, amt DECIMAL(10, 2), score DOUBLE,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '5' SECOND
);
SELECT user_id, page, `timestamp`, LAG(page) OVER (PARTITION BY user_id ORDER BY `timestamp`) AS prv, LAG(duration_ms, 2, CAST(-1 AS BIGINT)) OVER (PARTITION BY user_id ORDER BY `timestamp`) AS prv2 FROM clicks;
