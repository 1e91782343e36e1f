-- A variation of a shared case (ties, NULLs, late rows), computed by Flink 2.3 in differential testing.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND
);

SELECT user_id, COUNT(*) AS c, SUM(duration_ms) AS s FROM clicks GROUP BY user_id HAVING SUM(duration_ms) > 150 OR COUNT(*) >= 3;
