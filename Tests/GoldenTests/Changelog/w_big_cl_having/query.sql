-- A variant of the shared changelog case v_cl_having on hundreds to two thousand generated rows: late and tied timestamps, NULL and empty keys, repeated keys. Computed by Flink 2.3.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND
);
SELECT user_id, COUNT(*) AS c FROM clicks GROUP BY user_id HAVING COUNT(*) >= 4;
