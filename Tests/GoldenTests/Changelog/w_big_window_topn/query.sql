-- A variant of the shared changelog case v_window_topn on hundreds to two thousand generated rows: late and tied timestamps, NULL and empty keys, repeated keys. Computed by Flink 2.3.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '5' SECOND
);
SELECT window_start, window_end, page, c, rn FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY c DESC) AS rn FROM (SELECT window_start, window_end, page, COUNT(*) AS c FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '15' SECOND)) GROUP BY window_start, window_end, page)) WHERE rn <= 3;
