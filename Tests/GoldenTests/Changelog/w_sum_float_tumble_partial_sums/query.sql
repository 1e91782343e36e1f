-- A FLOAT SUM in TUMBLE windows: the row that moves the watermark past a window is flushed with it, its own window's sum in two partial sums. Computed by Flink 2.3.
CREATE TABLE m (k STRING, f FLOAT, dc DECIMAL(10, 2), ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT window_start, window_end, SUM(f) AS s FROM TABLE(TUMBLE(TABLE m, DESCRIPTOR(ts), INTERVAL '5' SECOND)) GROUP BY window_start, window_end;
