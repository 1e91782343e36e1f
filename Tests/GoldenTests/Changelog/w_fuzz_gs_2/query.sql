-- A variation of a shared case (ties, NULLs, late rows), computed by Flink 2.3 in differential testing.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND
);

SELECT window_start, window_end, page, user_id, COUNT(*) AS c, MAX(duration_ms) AS hi
FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '2' SECOND, INTERVAL '4' SECOND))
GROUP BY window_start, window_end, CUBE (page, user_id);
