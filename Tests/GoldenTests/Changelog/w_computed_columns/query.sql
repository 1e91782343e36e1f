CREATE TABLE clicks (
  user_id INT,
  page STRING,
  epoch_s BIGINT,
  ts AS TO_TIMESTAMP(FROM_UNIXTIME(epoch_s)),
  section AS SPLIT_INDEX(page, '/', 1),
  weight AS user_id * 2 + 1,
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
);
SELECT window_start, window_end, section, COUNT(*) AS c, SUM(weight) AS w, MAX(ts) AS last_ts
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, section;
