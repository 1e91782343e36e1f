-- RANK() and DENSE_RANK() OVER event time, selected without a Top-N filter: the count of rows up to the current row's peers, as COUNT(*) OVER the RANGE frame. Computed by Flink 2.3.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND
);
SELECT user_id, page, RANK() OVER w AS rk, DENSE_RANK() OVER w AS dr, COUNT(*) OVER w AS c, SUM(duration_ms) OVER w AS s FROM clicks WINDOW w AS (PARTITION BY page ORDER BY `timestamp`);
