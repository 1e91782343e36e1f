-- Scalar functions in keys, aggregates, WHERE and HAVING.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND
);

SELECT TUMBLE_END(`timestamp`, INTERVAL '30' SECOND) AS we,
  CONCAT(UPPER(SUBSTRING(page, 2, 3)), '-', LOWER('AB')) AS tag,
  CHAR_LENGTH(page) AS len, COUNT(*) AS n, COUNT(duration_ms) AS timed,
  SUM(CASE WHEN duration_ms IS NULL THEN 1 ELSE 0 END) AS untimed,
  MAX(COALESCE(duration_ms, -1)) AS mx, SUM(CASE WHEN user_id IN (101, 102, 103) THEN 1 END) AS vip,
  MIN(TRIM(BOTH '/' FROM page)) AS trimmed, MAX(page || '!') AS bang
FROM clicks
WHERE NOT (page LIKE '%checkout%') OR user_id BETWEEN 100 AND 120
GROUP BY TUMBLE(`timestamp`, INTERVAL '30' SECOND), CONCAT(UPPER(SUBSTRING(page, 2, 3)), '-', LOWER('AB')), CHAR_LENGTH(page)
HAVING COUNT(*) > 1;
