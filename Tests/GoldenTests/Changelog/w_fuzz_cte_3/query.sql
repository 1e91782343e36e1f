-- A variation of a shared case (ties, NULLs, late rows), computed by Flink 2.3 in differential testing.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND
);

WITH x AS (SELECT user_id, page, `timestamp` FROM clicks WHERE user_id < 3),
     y AS (SELECT user_id, page, `timestamp` FROM x WHERE page <> '/a')
SELECT user_id, page, CAST(NULL AS STRING) AS tag FROM x
UNION ALL SELECT user_id + 100, UPPER(page), 'y' FROM y;
