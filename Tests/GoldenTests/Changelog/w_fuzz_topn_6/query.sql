-- A variation of a shared case (ties, NULLs, late rows), computed by Flink 2.3 in differential testing.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND
);

SELECT page, user_id, duration_ms, rn FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY `timestamp` DESC, duration_ms ASC) AS rn FROM clicks)
WHERE rn <= 2;
