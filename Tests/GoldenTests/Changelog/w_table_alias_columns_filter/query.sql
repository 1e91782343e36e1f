-- FROM clicks AS c (u, p, t, d) WHERE d > 1000. Computed by Flink 2.3.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND
);
SELECT u, p FROM clicks AS c(u, p, t, d) WHERE d > 1000;
