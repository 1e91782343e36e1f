-- Fuzz round 31: SUM and STDDEV_POP per user and page under a HAVING; the last row (dur 0, no score) writes -U/+U. Computed by Flink 2.3.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  ts TIMESTAMP(3),
  dur BIGINT,
  amt DECIMAL(10, 2),
  score DOUBLE,
  WATERMARK FOR ts AS ts - INTERVAL '0' SECOND
);
SELECT user_id, page, SUM(amt) AS sa, STDDEV_POP(score) AS sdp
FROM clicks
GROUP BY user_id, page HAVING SUM(dur) IS NOT NULL;
