-- A SESSION TVF over a CTE that filters and computes a column. Computed by Flink 2.3.
CREATE TABLE t (k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND);
WITH big AS (SELECT k, v * 10 AS v10, ts FROM t WHERE v > 2)
SELECT k, v10, window_start, window_end FROM TABLE(SESSION(TABLE big PARTITION BY k, DESCRIPTOR(ts), INTERVAL '5' SECOND));
