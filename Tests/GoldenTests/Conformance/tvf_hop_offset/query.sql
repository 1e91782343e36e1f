-- Sliding windows with an offset, distinct counts and integer averages.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND
);

SELECT window_start, window_end, COUNT(DISTINCT user_id) AS users, AVG(duration_ms) AS avg_ms
FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '3' SECOND, INTERVAL '9' SECOND, INTERVAL '1' SECOND))
GROUP BY window_start, window_end;
