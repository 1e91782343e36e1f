-- A FLOAT SUM in a TUMBLE window TVF over a view that computes its argument (the operator-graph path): the partial sums of Flink's local buffer flushes, added as its global aggregation adds them. Computed by Flink 2.3.
CREATE TABLE t (k STRING, v FLOAT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
WITH v AS (SELECT UPPER(k) AS k, v - 1 AS v, ts FROM t) SELECT window_start, window_end, k, SUM(v) AS s, AVG(v) AS a, COUNT(v) AS n FROM TABLE(TUMBLE(TABLE v, DESCRIPTOR(ts), INTERVAL '3' SECOND)) GROUP BY window_start, window_end, k;
