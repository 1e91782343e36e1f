-- A variant of the shared changelog case v_over_range on hundreds to two thousand generated rows: late and tied timestamps, NULL and empty keys, repeated keys. Computed by Flink 2.3.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '5' SECOND
);
SELECT user_id, `timestamp`, page, COUNT(*) OVER w AS clicks_30s, MAX(duration_ms) OVER w AS longest_30s FROM clicks WINDOW w AS (PARTITION BY user_id ORDER BY `timestamp` RANGE BETWEEN INTERVAL '20' SECOND PRECEDING AND CURRENT ROW);
