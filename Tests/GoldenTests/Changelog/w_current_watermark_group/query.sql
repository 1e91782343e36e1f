-- Dropping rows behind the watermark with CURRENT_WATERMARK before an aggregation.
CREATE TABLE clicks (id INT, page STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND);
SELECT page, COUNT(*) AS on_time, MAX(ts) AS last_ts
FROM clicks
WHERE CURRENT_WATERMARK(ts) IS NULL OR ts > CURRENT_WATERMARK(ts)
GROUP BY page;
