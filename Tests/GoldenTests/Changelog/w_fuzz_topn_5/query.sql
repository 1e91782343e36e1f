-- A variation of a shared case (ties, NULLs, late rows), computed by Flink 2.3 in differential testing.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND
);

SELECT page, c FROM (
  SELECT page, c, ROW_NUMBER() OVER (ORDER BY c DESC) AS rn
  FROM (SELECT page, COUNT(DISTINCT user_id) AS c FROM clicks GROUP BY page))
WHERE rn <= 2;
