-- CUMULATE: clicks so far in each minute, updated every 10 seconds.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND
);

SELECT window_start, window_end, page, COUNT(*) AS clicks
FROM TABLE(CUMULATE(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '10' SECOND, INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, page;
