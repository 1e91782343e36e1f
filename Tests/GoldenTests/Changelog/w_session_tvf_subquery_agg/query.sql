-- A SESSION TVF's rows aggregated by window_start, window_end in an outer query (no alias on the subquery). Computed by Flink 2.3.
CREATE TABLE t (k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND);
SELECT window_start, window_end, k, COUNT(*) AS c, SUM(v) AS s FROM (SELECT * FROM TABLE(SESSION(TABLE t PARTITION BY k, DESCRIPTOR(ts), INTERVAL '5' SECOND))) GROUP BY window_start, window_end, k;
