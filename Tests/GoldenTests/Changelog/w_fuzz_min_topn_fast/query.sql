-- A variation of a shared case (ties, NULLs, late rows), computed by Flink 2.3 in differential testing.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND
);

SELECT user_id, hi, n, rn FROM (
  SELECT user_id, hi, n, ROW_NUMBER() OVER (ORDER BY hi DESC, n DESC) AS rn
  FROM (SELECT user_id, MAX(duration_ms) AS hi, COUNT(*) AS n FROM clicks GROUP BY user_id))
WHERE rn <= 3;
