-- A variation of a shared case (ties, NULLs, late rows), computed by Flink 2.3 in differential testing.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND
);

SELECT page, COUNT(*) FILTER (WHERE duration_ms IS NULL) AS nulls, LISTAGG(CAST(duration_ms AS STRING)) AS durs,
  FIRST_VALUE(user_id) AS fu, LAST_VALUE(user_id) AS lu, COUNT(DISTINCT user_id) FILTER (WHERE duration_ms > 20) AS du
FROM clicks GROUP BY page;
