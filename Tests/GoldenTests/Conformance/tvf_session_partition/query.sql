-- Session windows as a TVF, partitioned by user.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND
);

SELECT window_start, window_end, user_id, COUNT(*) AS clicks
FROM TABLE(SESSION(TABLE clicks PARTITION BY user_id, DESCRIPTOR(`timestamp`), INTERVAL '4' SECOND))
GROUP BY window_start, window_end, user_id;
