-- WATERMARK FOR ts AS ts + INTERVAL '2' SECOND (a watermark ahead of the events): HOP windows close early, later rows late. Computed by Flink 2.3.
CREATE TABLE t (k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts + INTERVAL '2' SECOND);
SELECT window_start, window_end, k, COUNT(*) AS c, SUM(v) AS s FROM TABLE(HOP(TABLE t, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND)) GROUP BY window_start, window_end, k;
