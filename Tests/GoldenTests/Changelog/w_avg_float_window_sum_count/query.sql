-- AVG of a FLOAT beside SUM and COUNT of it in a window: SUM / COUNT in FLOAT. Computed by Flink 2.3.
CREATE TABLE m (k STRING, f FLOAT, dc DECIMAL(10, 2), ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT window_start, SUM(f) AS s, AVG(f) AS a, COUNT(f) AS n FROM TABLE(TUMBLE(TABLE m, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end;
