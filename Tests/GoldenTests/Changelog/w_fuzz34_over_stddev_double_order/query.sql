-- A DOUBLE STDDEV_POP, SUM and AVG over a 2-second RANGE: the rows leaving the frame together are retracted in the order of Flink's state map, visible in the last digits (and a variance rounded below zero: NaN). Computed by Flink 2.3.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  ts TIMESTAMP(3),
  dur BIGINT,
  amt DECIMAL(10, 2),
  score DOUBLE,
  WATERMARK FOR ts AS ts - INTERVAL '0' SECOND
);
SELECT user_id, page, ts, CAST(STDDEV_POP(score) OVER w AS STRING) AS sp, CAST(SUM(score) OVER w AS STRING) AS ss, CAST(AVG(score) OVER w AS STRING) AS av, LAST_VALUE(page) OVER w AS lv
FROM clicks
WINDOW w AS (ORDER BY ts RANGE BETWEEN INTERVAL '2' SECOND PRECEDING AND CURRENT ROW);
