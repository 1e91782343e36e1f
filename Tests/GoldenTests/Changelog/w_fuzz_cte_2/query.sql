-- A variation of a shared case (ties, NULLs, late rows), computed by Flink 2.3 in differential testing.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND
);

WITH peru AS (SELECT user_id, COUNT(*) AS c FROM clicks GROUP BY user_id)
SELECT 'user' AS kind, CAST(user_id AS STRING) AS k, c FROM peru
UNION ALL
SELECT 'page' AS kind, page AS k, COUNT(*) AS c FROM clicks GROUP BY page;
