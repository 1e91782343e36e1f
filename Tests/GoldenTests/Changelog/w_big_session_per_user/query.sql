-- A variant of the shared conformance case session_per_user on hundreds to two thousand generated rows: late and tied timestamps, NULL and empty keys, repeated keys. Computed by Flink 2.3.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '2' SECOND
);
SELECT user_id, SESSION_START(`timestamp`, INTERVAL '4' SECOND) AS session_start, SESSION_END(`timestamp`, INTERVAL '4' SECOND) AS session_end, COUNT(*) AS clicks FROM clicks GROUP BY SESSION(`timestamp`, INTERVAL '4' SECOND), user_id;
