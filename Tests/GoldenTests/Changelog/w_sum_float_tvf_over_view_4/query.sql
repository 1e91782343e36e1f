-- A FLOAT SUM in a TUMBLE window TVF over a view that computes its argument (the operator-graph path): the partial sums of Flink's local buffer flushes, added as its global aggregation adds them. Computed by Flink 2.3.
CREATE TABLE t (k STRING, v FLOAT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
WITH v AS (SELECT k, v + 0.5 AS v, ts FROM t) SELECT window_start, window_end, k, SUM(v) AS s FROM TABLE(TUMBLE(TABLE v, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end, k;
