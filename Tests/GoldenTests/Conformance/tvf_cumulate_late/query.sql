-- Cumulating windows over out-of-order events: a late event joins every unfired window of its period.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND
);

SELECT window_start, window_end, page, COUNT(*) AS clicks, MIN(duration_ms) AS shortest
FROM TABLE(CUMULATE(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '5' SECOND, INTERVAL '20' SECOND))
GROUP BY window_start, window_end, page;
