-- A window with no other key, over late events.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '2' SECOND
);

SELECT TUMBLE_START(`timestamp`, INTERVAL '5' SECOND) AS ws, TUMBLE_ROWTIME(`timestamp`, INTERVAL '5' SECOND) AS rt, COUNT(*) AS n, COUNT(DISTINCT page) AS pages, SUM(duration_ms) AS total
FROM clicks
GROUP BY TUMBLE(`timestamp`, INTERVAL '5' SECOND);
