CREATE TABLE clicks (
  user_id INT, page STRING, `timestamp` TIMESTAMP(3), duration_ms BIGINT, amt DECIMAL(10, 2), score DOUBLE,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '5' SECOND
);
SELECT user_id, page, LAG(page, 1, 'none') OVER w AS prv, LAG(page, 0) OVER w AS cur FROM clicks WINDOW w AS (PARTITION BY user_id ORDER BY `timestamp`);
