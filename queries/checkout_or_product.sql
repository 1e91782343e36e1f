-- input: clicks.ndjson
-- WITH and UNION ALL: two filtered streams as one, each row saying why it is there.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '2' SECOND
);
CREATE VIEW checkouts AS SELECT user_id, page FROM clicks WHERE page = '/checkout';

WITH products AS (SELECT user_id, page FROM clicks WHERE page LIKE '/products/%')
SELECT user_id, page, 'checkout' AS why FROM checkouts
UNION ALL
SELECT user_id, page, 'product' AS why FROM products WHERE user_id > 200;
