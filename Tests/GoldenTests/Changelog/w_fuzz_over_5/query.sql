-- A variation of a shared case (ties, NULLs, late rows), computed by Flink 2.3 in differential testing.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '2' SECOND
);

SELECT user_id, page, `timestamp`, COUNT(*) OVER w AS n, SUM(duration_ms) OVER w AS s, MIN(page) OVER w AS mp, AVG(duration_ms) OVER w AS a
FROM clicks WINDOW w AS (PARTITION BY user_id ORDER BY `timestamp` RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW);
