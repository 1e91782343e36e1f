-- A variant of the shared changelog case v_agg_filter_listagg on hundreds to two thousand generated rows: late and tied timestamps, NULL and empty keys, repeated keys. Computed by Flink 2.3.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND
);
SELECT window_start, page, COUNT(*) FILTER (WHERE duration_ms > 2500) AS slow, LISTAGG(CAST(user_id AS STRING)) AS users, FIRST_VALUE(user_id) AS first_user, LAST_VALUE(user_id) AS last_user, STDDEV_POP(duration_ms) AS sd FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '20' SECOND)) GROUP BY window_start, window_end, page;
