-- A variation of a shared case (ties, NULLs, late rows), computed by Flink 2.3 in differential testing.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '2' SECOND
);

SELECT window_start, window_end, page, user_id, `timestamp` FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, page ORDER BY `timestamp` ASC) AS rn
  FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '2' SECOND, INTERVAL '4' SECOND)))
WHERE rn = 1;
