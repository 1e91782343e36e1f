-- A variation of a shared case (ties, NULLs, late rows), computed by Flink 2.3 in differential testing.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '2' SECOND
);

SELECT user_id, page, `timestamp`, duration_ms,
  COUNT(*) OVER w AS n, COUNT(duration_ms) OVER w AS nd, SUM(duration_ms) OVER w AS s,
  AVG(duration_ms) OVER w AS a, MIN(duration_ms) OVER w AS lo, MAX(duration_ms) OVER w AS hi
FROM clicks
WINDOW w AS (PARTITION BY page ORDER BY `timestamp` ROWS BETWEEN 2 PRECEDING AND CURRENT ROW);
