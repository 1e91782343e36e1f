-- input: clicks.ndjson
-- An aggregation without a window: each page's clicks so far, an updating result. Every
-- change is written with its kind: +I for a new page, -U then +U when a count changes.
SELECT page, COUNT(*) AS clicks, COUNT(DISTINCT user_id) AS users
FROM clicks
GROUP BY page
HAVING COUNT(*) >= 2;
