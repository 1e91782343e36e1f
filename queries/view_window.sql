-- input: clicks.ndjson
-- A window over a view: the view's filter and column names are folded into the query, so the
-- window reads the table's event time.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '2' SECOND
);
CREATE VIEW product_clicks AS
  SELECT user_id AS uid, page, `timestamp` AS ts FROM clicks WHERE page LIKE '/products/%';

SELECT window_start, window_end, page, COUNT(*) AS clicks, COUNT(DISTINCT uid) AS users
FROM TABLE(TUMBLE(TABLE product_clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, page;
