-- A SESSION TVF aggregation over a CTE that filters and computes its key: sessions of the computed rows. Computed by Flink 2.3.
CREATE TABLE t (k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
WITH big AS (SELECT UPPER(k) AS k, v * 10 AS v10, ts FROM t WHERE v % 3 <> 0)
SELECT window_start, window_end, k, COUNT(*) AS c, MAX(v10) AS m FROM TABLE(SESSION(TABLE big PARTITION BY k, DESCRIPTOR(ts), INTERVAL '3' SECOND)) GROUP BY window_start, window_end, k;
