CREATE TABLE clicks (
  page STRING,
  `user` ROW<id INT, tier STRING, addr ROW<city STRING, zip STRING>>,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
);
SELECT window_start, window_end, `user`.tier AS tier, COUNT(*) AS c, SUM(`user`.id) AS ids, MAX(`user`.addr.city) AS city, COUNT(DISTINCT `user`.addr.zip) AS zips
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '20' SECOND))
GROUP BY window_start, window_end, `user`.tier;
