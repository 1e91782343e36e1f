-- (a, b) = (1, 'x'): field by field. Computed by Flink 2.3.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND
);
SELECT user_id, page FROM clicks WHERE (user_id, page) = (101, '/cart');
