-- A variation found in differential testing against Flink 2.3 (functions on edge values).
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND
);

SELECT window_start, window_end, COUNT(*) AS n, STDDEV_POP(CAST(duration_ms AS DOUBLE)) AS sd, VAR_SAMP(CAST(duration_ms AS DOUBLE)) AS vs,
  MAX(duration_ms) FILTER (WHERE page = '/a') AS amax, LISTAGG(page, '') AS pg
FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '5' SECOND, INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
