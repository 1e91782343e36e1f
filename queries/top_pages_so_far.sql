-- input: clicks.ndjson
-- Top-N without a window: the 3 most clicked pages so far, an updating result. When a page
-- moves up, every rank that changed hands is written (-U the old row, +U the new one).
SELECT page, clicks, rn
FROM (
  SELECT page, clicks, ROW_NUMBER() OVER (ORDER BY clicks DESC) AS rn
  FROM (SELECT page, COUNT(*) AS clicks FROM clicks GROUP BY page))
WHERE rn <= 3;
