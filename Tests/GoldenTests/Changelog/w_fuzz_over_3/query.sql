-- A variation of a shared case (ties, NULLs, late rows), computed by Flink 2.3 in differential testing.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND
);

SELECT user_id, `timestamp`,
  COUNT(page) OVER w AS n, SUM(duration_ms) OVER w AS s, AVG(CAST(duration_ms AS DOUBLE)) OVER w AS a
FROM clicks
WINDOW w AS (ORDER BY `timestamp` RANGE BETWEEN INTERVAL '1' SECOND PRECEDING AND CURRENT ROW);
