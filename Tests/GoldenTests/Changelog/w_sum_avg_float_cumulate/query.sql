-- SUM and AVG of a FLOAT in CUMULATE windows. Computed by Flink 2.3.
CREATE TABLE m (k STRING, i INT, b BIGINT, dc DECIMAL(10, 2), f FLOAT, d DOUBLE, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts);
SELECT window_start, window_end, SUM(f) AS s, AVG(f) AS a, MIN(f) AS lo FROM TABLE(CUMULATE(TABLE m, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '20' SECOND)) GROUP BY window_start, window_end;
