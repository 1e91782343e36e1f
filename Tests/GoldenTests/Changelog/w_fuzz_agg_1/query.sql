-- A variation of a shared case (ties, NULLs, late rows), computed by Flink 2.3 in differential testing.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND
);

SELECT window_start, page,
  COUNT(*) FILTER (WHERE duration_ms > 60) AS big, SUM(duration_ms) FILTER (WHERE user_id <> 1) AS s_not1,
  LISTAGG(CAST(user_id AS STRING), '#') AS users, LISTAGG(page) AS pages,
  FIRST_VALUE(duration_ms) AS fv, LAST_VALUE(duration_ms) AS lv,
  STDDEV_SAMP(duration_ms) AS ss, VAR_SAMP(duration_ms) AS vs, VAR_POP(duration_ms) AS vp, STDDEV_POP(duration_ms) AS sp
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, page;
