-- A variation of a shared case (ties, NULLs, late rows), computed by Flink 2.3 in differential testing.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND
);

SELECT window_start, window_end, page, user_id, COUNT(*) AS c, SUM(duration_ms) AS s, GROUPING(page) AS gp, GROUPING(user_id) AS gu
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '4' SECOND))
GROUP BY window_start, window_end, ROLLUP (page, user_id);
