-- A variation of a shared case (ties, NULLs, late rows), computed by Flink 2.3 in differential testing.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND
);

SELECT COUNT(*) AS c, SUM(duration_ms) AS s, AVG(duration_ms) AS a, MIN(page) AS mp, MAX(page) AS xp,
  COUNT(DISTINCT user_id) AS u FROM clicks WHERE user_id IS NOT NULL;
