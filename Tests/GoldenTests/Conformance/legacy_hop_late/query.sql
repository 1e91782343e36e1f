-- Legacy sliding windows over out-of-order events: a late event counts in the windows that are still open.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND
);

SELECT HOP_START(`timestamp`, INTERVAL '2' SECOND, INTERVAL '6' SECOND) AS hs, HOP_END(`timestamp`, INTERVAL '2' SECOND, INTERVAL '6' SECOND) AS he, page, COUNT(*) AS clicks, SUM(duration_ms) AS total
FROM clicks
GROUP BY HOP(`timestamp`, INTERVAL '2' SECOND, INTERVAL '6' SECOND), page;
