-- A variation of a shared case (ties, NULLs, late rows), computed by Flink 2.3 in differential testing.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND
);

SELECT user_id, `timestamp`, duration_ms,
  MIN(duration_ms) OVER w AS lo, MAX(page) OVER w AS mp, COUNT(*) OVER w AS n, SUM(duration_ms) OVER w AS s
FROM clicks
WINDOW w AS (PARTITION BY user_id ORDER BY `timestamp` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW);
