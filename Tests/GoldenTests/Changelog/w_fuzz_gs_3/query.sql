-- A variation of a shared case (ties, NULLs, late rows), computed by Flink 2.3 in differential testing.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '2' SECOND
);

SELECT window_start, window_end, page, COUNT(*) AS c, COUNT(DISTINCT user_id) AS u, GROUPING_ID(page) AS g
FROM TABLE(CUMULATE(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '2' SECOND, INTERVAL '4' SECOND))
GROUP BY window_start, window_end, GROUPING SETS ((page), ());
