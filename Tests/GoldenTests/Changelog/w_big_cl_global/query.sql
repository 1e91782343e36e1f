-- A variant of the shared changelog case v_cl_global on hundreds to two thousand generated rows: late and tied timestamps, NULL and empty keys, repeated keys. Computed by Flink 2.3.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '5' SECOND
);
SELECT COUNT(*) AS c, COUNT(DISTINCT page) AS pages, MAX(duration_ms) AS longest FROM clicks;
