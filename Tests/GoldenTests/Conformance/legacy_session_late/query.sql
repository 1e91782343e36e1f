-- Sessions per user over out-of-order events: sessions merge, and late events that open no live session are dropped.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND
);

SELECT user_id, SESSION_START(`timestamp`, INTERVAL '3' SECOND) AS s, SESSION_END(`timestamp`, INTERVAL '3' SECOND) AS e, SESSION_ROWTIME(`timestamp`, INTERVAL '3' SECOND) AS rt, COUNT(*) AS clicks, COUNT(DISTINCT page) AS pages
FROM clicks
GROUP BY SESSION(`timestamp`, INTERVAL '3' SECOND), user_id;
