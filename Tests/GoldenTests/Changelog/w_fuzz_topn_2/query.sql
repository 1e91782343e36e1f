-- A variation of a shared case (ties, NULLs, late rows), computed by Flink 2.3 in differential testing.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND
);

SELECT user_id, page, duration_ms FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY page ORDER BY duration_ms DESC) AS rn FROM clicks)
WHERE rn <= 2;
