-- A variation of a shared case (ties, NULLs, late rows), computed by Flink 2.3 in differential testing.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND
);

SELECT page, user_id, COUNT(*) AS c, MAX(`timestamp`) AS last_ts FROM clicks GROUP BY page, user_id HAVING MIN(duration_ms) IS NOT NULL;
