-- SUM and AVG of a FLOAT in HOP windows (15 s / 5 s). Computed by Flink 2.3.
CREATE TABLE m (k STRING, i INT, b BIGINT, dc DECIMAL(10, 2), f FLOAT, d DOUBLE, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts);
SELECT window_start, SUM(f) AS s, AVG(f) AS a, MAX(f) AS hi FROM TABLE(HOP(TABLE m, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '15' SECOND)) GROUP BY window_start, window_end;
