-- A window aggregation feeding another aggregation: a firing's groups arrive in Flink's timer order, which decides the changes written (Flink 2.3).
CREATE TABLE t (k STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND);
SELECT ws, COUNT(*) AS n, MAX(k) AS mk FROM (
  SELECT window_start AS ws, k, COUNT(*) AS c FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end, k
) GROUP BY ws;
