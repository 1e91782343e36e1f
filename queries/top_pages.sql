-- input: clicks.ndjson
-- Window Top-N: the 2 busiest pages of each 10-second window, written when the window closes.
SELECT window_start, window_end, page, clicks, rn
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY clicks DESC) AS rn
  FROM (
    SELECT window_start, window_end, page, COUNT(*) AS clicks
    FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '10' SECOND))
    GROUP BY window_start, window_end, page))
WHERE rn <= 2;
