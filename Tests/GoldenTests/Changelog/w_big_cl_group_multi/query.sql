-- A variant of the shared changelog case v_cl_group_multi on hundreds to two thousand generated rows: late and tied timestamps, NULL and empty keys, repeated keys. Computed by Flink 2.3.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND
);
SELECT page, COUNT(*) AS n, COUNT(duration_ms) AS nd, SUM(duration_ms) AS total, MIN(duration_ms) AS lo, MAX(duration_ms) AS hi, AVG(duration_ms) AS mean, COUNT(DISTINCT user_id) AS users FROM clicks GROUP BY page;
