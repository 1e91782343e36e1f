-- A variation of a shared case (ties, NULLs, late rows), computed by Flink 2.3 in differential testing.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND
);

SELECT user_id, page, duration_ms, `timestamp` FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY user_id, page ORDER BY `timestamp` DESC) AS rn FROM clicks WHERE duration_ms IS NOT NULL OR user_id IS NULL)
WHERE rn = 1;
