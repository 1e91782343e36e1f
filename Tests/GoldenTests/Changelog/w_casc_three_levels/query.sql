-- Three window aggregations in a cascade (5 s, then 10 s over its window_time, then 30 s over that one). Computed by Flink 2.3.
CREATE TABLE t (k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
WITH w1 AS (SELECT window_start AS s1, window_time AS wt, k, COUNT(*) AS c FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '5' SECOND)) GROUP BY window_start, window_end, window_time, k),
w2 AS (SELECT window_start AS s2, window_time AS wt2, SUM(c) AS c2 FROM TABLE(TUMBLE(TABLE w1, DESCRIPTOR(wt), INTERVAL '10' SECOND)) GROUP BY window_start, window_end, window_time)
SELECT window_start, window_end, SUM(c2) AS c3, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE w2, DESCRIPTOR(wt2), INTERVAL '30' SECOND)) GROUP BY window_start, window_end;
