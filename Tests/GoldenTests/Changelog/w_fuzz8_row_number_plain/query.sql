CREATE TABLE clicks (
  user_id INT, page STRING, `timestamp` TIMESTAMP(3), duration_ms BIGINT, amt DECIMAL(10, 2), score DOUBLE,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND
);
SELECT user_id, page, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY `timestamp`) AS rn FROM clicks;
