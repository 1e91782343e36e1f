-- A variation found in differential testing against Flink 2.3 (functions on edge values).
CREATE TABLE ev (id INT, s STRING, ts TIMESTAMP(3), n BIGINT);

SELECT id, DATE_FORMAT(ts, 'yyyy-MM') AS ym,
  CAST(ts AS TIMESTAMP(0)) AS t0, CAST(ts AS STRING) AS ts_s
FROM ev;
