-- A variation of a shared case (ties, NULLs, late rows), computed by Flink 2.3 in differential testing.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND
);

SELECT user_id, s FROM (
  SELECT user_id, s, ROW_NUMBER() OVER (ORDER BY s DESC) AS rn
  FROM (SELECT user_id, SUM(duration_ms) AS s FROM clicks GROUP BY user_id))
WHERE rn <= 2;
