-- LAG over a window without a frame beside FIRST_VALUE over RANGE UNBOUNDED PRECEDING: one window (the default frame). Computed by Flink 2.3.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  ts TIMESTAMP(3),
  dur BIGINT,
  amt DECIMAL(10, 2),
  score DOUBLE,
  WATERMARK FOR ts AS ts - INTERVAL '0' SECOND
);
SELECT user_id, page, ts, LAG(dur) OVER w0 AS lg, FIRST_VALUE(dur) OVER w AS fv
FROM clicks WHERE page LIKE '/p%'
WINDOW w AS (PARTITION BY user_id ORDER BY ts RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW), w0 AS (PARTITION BY user_id ORDER BY ts);
