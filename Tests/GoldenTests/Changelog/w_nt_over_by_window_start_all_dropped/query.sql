-- OVER ordered by a column that is not a time attribute (from differential round 12). Computed by Flink 2.3.
CREATE TABLE t (k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT k, s, SUM(s) OVER (PARTITION BY k ORDER BY ws) AS s2 FROM (SELECT window_start AS ws, k, SUM(v) AS s FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '5' SECOND)) GROUP BY window_start, window_end, k);
