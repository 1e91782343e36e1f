-- Filtering before the window, expressions as keys, window_time of the TVF.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND
);

SELECT window_time, UPPER(SUBSTRING(page FROM 2)) AS section, COUNT(*) AS views
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '30' SECOND))
WHERE page LIKE '/products/%'
GROUP BY window_start, window_end, window_time, UPPER(SUBSTRING(page FROM 2));
