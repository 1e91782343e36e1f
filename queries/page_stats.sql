-- input: clicks.ndjson
-- A declared stream with a watermark, window bounds and several aggregates.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '2' SECOND
);

SELECT TUMBLE_START(`timestamp`, INTERVAL '10' SECOND) AS window_start,
  TUMBLE_END(`timestamp`, INTERVAL '10' SECOND) AS window_end,
  page,
  COUNT(*) AS clicks,
  COUNT(DISTINCT user_id) AS users,
  AVG(duration_ms) AS avg_ms
FROM clicks
GROUP BY TUMBLE(`timestamp`, INTERVAL '10' SECOND), page
HAVING COUNT(*) >= 2;
