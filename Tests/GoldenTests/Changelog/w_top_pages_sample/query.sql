-- queries/top_pages.sql on samples/clicks.ndjson, computed by Flink 2.3: ties at the cut-off kept as Flink keeps them.
CREATE TABLE clicks (user_id INT, page STRING, `timestamp` TIMESTAMP(3), WATERMARK FOR `timestamp` AS `timestamp`);
SELECT window_start, window_end, page, clicks, rn
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY clicks DESC) AS rn
  FROM (
    SELECT window_start, window_end, page, COUNT(*) AS clicks
    FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '10' SECOND))
    GROUP BY window_start, window_end, page))
WHERE rn <= 2;
