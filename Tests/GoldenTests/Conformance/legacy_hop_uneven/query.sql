-- Legacy HOP whose size is not a multiple of its slide.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND
);

SELECT HOP_START(`timestamp`, INTERVAL '4' SECOND, INTERVAL '10' SECOND) AS hs, HOP_ROWTIME(`timestamp`, INTERVAL '4' SECOND, INTERVAL '10' SECOND) AS ht, COUNT(*) AS clicks, MAX(duration_ms) AS longest
FROM clicks
GROUP BY HOP(`timestamp`, INTERVAL '4' SECOND, INTERVAL '10' SECOND);
