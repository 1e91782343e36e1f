-- A variation of a shared case (ties, NULLs, late rows), computed by Flink 2.3 in differential testing.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND
);

SELECT MAX(c) AS best, MIN(c) AS worst, COUNT(*) AS pages
FROM (SELECT page, COUNT(*) AS c FROM clicks GROUP BY page);
