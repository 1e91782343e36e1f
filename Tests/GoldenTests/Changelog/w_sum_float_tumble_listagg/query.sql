-- A FLOAT SUM beside a LISTAGG in TUMBLE windows: the sum in partial sums, the list in arrival order. Computed by Flink 2.3.
CREATE TABLE m (k STRING, f FLOAT, dc DECIMAL(10, 2), ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT window_start, window_end, SUM(f) AS s, LISTAGG(CAST(f AS STRING)) AS l FROM TABLE(TUMBLE(TABLE m, DESCRIPTOR(ts), INTERVAL '5' SECOND)) GROUP BY window_start, window_end;
