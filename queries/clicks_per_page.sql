-- The seed query, exactly as written: clicks per page in 10-second tumbling windows.
-- No CREATE TABLE: the stream's fields come from the JSON, `timestamp` is the event time.
SELECT page, COUNT(*) AS click_count
FROM clicks
GROUP BY TUMBLE(timestamp, INTERVAL '10' SECOND), page;
