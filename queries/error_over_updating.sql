-- input: clicks.ndjson
-- An OVER aggregation keeps rows by event time; it cannot take rows that change later.
CREATE TABLE clicks (user_id INT, page STRING, `timestamp` TIMESTAMP(3), WATERMARK FOR `timestamp` AS `timestamp`);
SELECT page, COUNT(*) OVER (PARTITION BY page ORDER BY last_click) AS n
FROM (SELECT page, MAX(`timestamp`) AS last_click FROM clicks GROUP BY page);
