-- ROLLUP times CUBE in a window aggregation. Computed by Flink 2.3.
CREATE TABLE t (k STRING, g STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT window_start, window_end, k, g, GROUPING_ID(k, g) AS gi, SUM(v) AS s FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '5' SECOND)) GROUP BY window_start, window_end, ROLLUP(k), CUBE(g);
