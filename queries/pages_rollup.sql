-- input: clicks.ndjson
-- GROUPING SETS on a window aggregation: per page, and all pages together (page is NULL).
SELECT window_start, window_end, page, COUNT(*) AS clicks, GROUPING(page) AS all_pages
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '20' SECOND))
GROUP BY window_start, window_end, ROLLUP(page);
