-- input: clicks.ndjson
-- An OVER aggregation ordered by a value that is not a time attribute (each page's last click,
-- which changes): the pages counted in the order of their last click, updated as it moves
-- (Flink 2.3's NonTimeRangeUnboundedPrecedingFunction).
CREATE TABLE clicks (user_id INT, page STRING, `timestamp` TIMESTAMP(3), WATERMARK FOR `timestamp` AS `timestamp`);
SELECT page, last_click, COUNT(*) OVER (ORDER BY last_click) AS pages_so_far
FROM (SELECT page, MAX(`timestamp`) AS last_click FROM clicks GROUP BY page);
