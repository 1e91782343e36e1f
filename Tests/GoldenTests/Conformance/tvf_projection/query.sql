-- A window TVF without aggregation: one row per event, late ones included or not as Flink does.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND
);

SELECT window_start, window_end, window_time, user_id, page
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '5' SECOND))
WHERE page <> '/main';
