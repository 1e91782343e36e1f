-- A FLOAT SUM in a TUMBLE window TVF over a view that computes its argument (the operator-graph path): the partial sums of Flink's local buffer flushes, added as its global aggregation adds them. Computed by Flink 2.3.
CREATE TABLE t (k STRING, v FLOAT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
WITH v AS (SELECT k, v / 2 AS v, ts FROM t WHERE k <> 'c') SELECT window_start, window_end, SUM(v) AS s, MIN(v) AS mn FROM TABLE(TUMBLE(TABLE v, DESCRIPTOR(ts), INTERVAL '4' SECOND)) GROUP BY window_start, window_end;
