-- Window aggregation order as Flink emits it (its timer heap), ties in a window Top-N kept as Flink keeps them; computed by Flink 2.3.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  region STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '2' SECOND
);
SELECT window_start, window_end, user_id, page, `timestamp`, duration_ms, rn FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY duration_ms ASC) AS rn
  FROM TABLE(CUMULATE(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '5' SECOND, INTERVAL '15' SECOND)))
WHERE rn <= 3;
