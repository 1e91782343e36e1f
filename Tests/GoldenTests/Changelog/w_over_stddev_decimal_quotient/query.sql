-- STDDEV_POP of a DECIMAL quotient over ROWS BETWEEN 1 PRECEDING: exact DECIMAL sums give 0.0 where doubles leave noise. Computed by Flink 2.3.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND
);
SELECT user_id, page, `timestamp`, STDDEV_POP(CAST(duration_ms AS DECIMAL(10, 2)) / 3) OVER (PARTITION BY page ORDER BY `timestamp` ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS s FROM clicks;
