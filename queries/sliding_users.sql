-- HOP: distinct users over the last 20 seconds, every 5 seconds (window TVF form).
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND
);

SELECT window_start, window_end, COUNT(DISTINCT user_id) AS users, COUNT(*) AS clicks
FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '5' SECOND, INTERVAL '20' SECOND))
GROUP BY window_start, window_end;
