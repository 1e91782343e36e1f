-- WHERE on a column before a SESSION TVF aggregation: still a window aggregation. Computed by Flink 2.3.
CREATE TABLE t (k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT window_start, window_end, k, COUNT(*) AS c, SUM(v) AS s FROM TABLE(SESSION(TABLE t PARTITION BY k, DESCRIPTOR(ts), INTERVAL '3' SECOND)) WHERE v % 3 <> 0 GROUP BY window_start, window_end, k;
