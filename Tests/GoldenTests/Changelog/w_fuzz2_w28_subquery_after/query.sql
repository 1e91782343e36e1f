-- A window aggregation feeding another aggregation: a firing's groups arrive in Flink's timer order, which decides the changes written (Flink 2.3).
CREATE TABLE t (k STRING, i INT, b BIGINT, x DOUBLE, d DECIMAL(8,2), ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND);
SELECT ws, SUM(c) AS total, COUNT(*) AS groups_, MAX(c) AS mx FROM (
  SELECT window_start AS ws, window_end AS we, k, COUNT(*) AS c
  FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end, k
) GROUP BY ws;
