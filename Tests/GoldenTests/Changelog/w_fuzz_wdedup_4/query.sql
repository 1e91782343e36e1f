-- A variation of a shared case (ties, NULLs, late rows), computed by Flink 2.3 in differential testing.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '2' SECOND
);

SELECT window_start, page, user_id, duration_ms, rn FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, page ORDER BY duration_ms DESC) AS rn
  FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '4' SECOND)))
WHERE rn <= 2;
