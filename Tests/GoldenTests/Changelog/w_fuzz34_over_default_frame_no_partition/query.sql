-- The same without PARTITION BY, with COUNT(DISTINCT). Computed by Flink 2.3.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  ts TIMESTAMP(3),
  dur BIGINT,
  amt DECIMAL(10, 2),
  score DOUBLE,
  WATERMARK FOR ts AS ts - INTERVAL '0' SECOND
);
SELECT user_id, page, ts, LAG(dur) OVER w0 AS lg, COUNT(DISTINCT page) OVER w AS dp
FROM clicks
WINDOW w AS (ORDER BY ts RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW), w0 AS (ORDER BY ts);
