-- A variation of a shared case (ties, NULLs, late rows), computed by Flink 2.3 in differential testing.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND
);

SELECT page, COUNT(*) AS n, COUNT(duration_ms) AS nd, SUM(duration_ms) AS s, AVG(duration_ms) AS a,
  MIN(duration_ms) AS lo, MAX(duration_ms) AS hi, COUNT(DISTINCT user_id) AS u, SUM(DISTINCT duration_ms) AS sd
FROM clicks GROUP BY page;
