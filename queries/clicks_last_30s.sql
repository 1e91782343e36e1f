-- input: clicks.ndjson
-- OVER aggregation: with each click, the user's clicks in the 30 seconds up to it.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '2' SECOND
);

SELECT user_id, page, `timestamp`,
  COUNT(*) OVER w AS clicks_30s,
  COUNT(DISTINCT page) OVER w AS pages_30s
FROM clicks
WINDOW w AS (PARTITION BY user_id ORDER BY `timestamp` RANGE BETWEEN INTERVAL '30' SECOND PRECEDING AND CURRENT ROW);
