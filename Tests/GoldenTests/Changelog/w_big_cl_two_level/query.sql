-- A variant of the shared changelog case v_cl_two_level on hundreds to two thousand generated rows: late and tied timestamps, NULL and empty keys, repeated keys. Computed by Flink 2.3.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '5' SECOND
);
SELECT c, COUNT(*) AS users FROM (SELECT user_id, COUNT(*) AS c FROM clicks GROUP BY user_id) GROUP BY c;
