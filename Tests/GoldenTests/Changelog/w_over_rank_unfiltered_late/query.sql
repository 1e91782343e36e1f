-- RANK() OVER event time unfiltered, with ties and a late row. Computed by Flink 2.3.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND
);
SELECT user_id, page, RANK() OVER (PARTITION BY page ORDER BY `timestamp`) AS rk FROM clicks;
