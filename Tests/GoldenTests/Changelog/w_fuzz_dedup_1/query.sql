-- A variation of a shared case (ties, NULLs, late rows), computed by Flink 2.3 in differential testing.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '2' SECOND
);

SELECT user_id, page, `timestamp`, duration_ms FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY page ORDER BY `timestamp` ASC) AS rn FROM clicks)
WHERE rn = 1;
