-- input: clicks.ndjson
-- Deduplication keeping the last row: an updating result, each change with its "op".
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '2' SECOND
);

SELECT user_id, page AS last_page
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY `timestamp` DESC) AS rn
  FROM clicks)
WHERE rn = 1;
