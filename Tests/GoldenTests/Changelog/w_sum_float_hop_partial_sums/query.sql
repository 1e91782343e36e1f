-- A FLOAT SUM in HOP windows: Flink's local buffer's partial sums, slices merged newest first. Computed by Flink 2.3.
CREATE TABLE m (k STRING, f FLOAT, dc DECIMAL(10, 2), ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT window_start, window_end, SUM(f) AS s FROM TABLE(HOP(TABLE m, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND)) GROUP BY window_start, window_end;
