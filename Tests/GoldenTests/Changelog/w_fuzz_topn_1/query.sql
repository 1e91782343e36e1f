-- A variation of a shared case (ties, NULLs, late rows), computed by Flink 2.3 in differential testing.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND
);

SELECT page, c, s, r FROM (
  SELECT page, c, s, ROW_NUMBER() OVER (ORDER BY c DESC, s ASC) AS r
  FROM (SELECT page, COUNT(*) AS c, SUM(duration_ms) AS s FROM clicks GROUP BY page))
WHERE r <= 2;
