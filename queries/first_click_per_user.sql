-- input: clicks.ndjson
-- Deduplication: each user's first click in event time, written once the watermark has
-- passed it (an earlier click arriving late but before the watermark still wins).
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '2' SECOND
);

SELECT user_id, page, `timestamp`
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY `timestamp`) AS rn
  FROM clicks)
WHERE rn = 1;
