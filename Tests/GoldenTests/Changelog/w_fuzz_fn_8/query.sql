-- A variation found in differential testing against Flink 2.3 (functions on edge values).
CREATE TABLE ev (id INT, s STRING, ts TIMESTAMP(3), n BIGINT);

SELECT id, EXTRACT(WEEK FROM ts) AS wk, EXTRACT(DOW FROM ts) AS dw, EXTRACT(DOY FROM ts) AS dy, EXTRACT(QUARTER FROM ts) AS q,
  FLOOR(ts TO QUARTER) AS fq, CEIL(ts TO WEEK) AS cw, CEIL(ts TO YEAR) AS cy, CEIL(ts TO MINUTE) AS cmi,
  TIMESTAMPDIFF(HOUR, ts, TIMESTAMP '2024-03-01 00:00:00') AS dh, TIMESTAMPDIFF(WEEK, ts, TIMESTAMP '2024-01-01 00:00:00') AS dwk,
  TIMESTAMPADD(DAY, n, ts) AS pd, TIMESTAMPADD(MONTH, n, ts) AS pm
FROM ev;
