-- CAST of a timestamp to text, ROUND, COUNT(1), NULL in CONCAT, MOD, boolean results, FLOAT sums.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND
);

SELECT CAST(TUMBLE_START(`timestamp`, INTERVAL '20' SECOND) AS STRING) AS ws_text,
  page,
  ROUND(AVG(CAST(duration_ms AS DOUBLE)), 2) AS avg_rounded,
  COUNT(1) AS c1, SUM(1) AS s1,
  MAX(CONCAT(page, CAST(NULL AS STRING))) AS null_concat,
  MAX(CHAR_LENGTH(page)) AS len, SUM(MOD(duration_ms, 7)) AS mods,
  MAX(CAST(duration_ms AS DOUBLE) / 3) AS thirds,
  MIN(CAST(user_id AS STRING) || '-' || page) AS tag,
  COUNT(*) > 5 AS busy,
  COALESCE(SUM(duration_ms), 0) AS total,
  MAX(duration_ms > 2500) AS any_slow,
  AVG(duration_ms) / 3 AS avg_third,
  SUM(CAST(duration_ms AS FLOAT)) AS fsum
FROM clicks
GROUP BY TUMBLE(`timestamp`, INTERVAL '20' SECOND), page;
