-- A SESSION TVF partitioned by (k, v) aggregated by window_start, window_end, k: not a window aggregation in Flink 2.3, an aggregation that updates over the sessions' rows. Computed by Flink 2.3.
CREATE TABLE t (k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT window_start, window_end, k, COUNT(*) AS c, SUM(v) AS s FROM TABLE(SESSION(TABLE t PARTITION BY (k, v), DESCRIPTOR(ts), INTERVAL '3' SECOND)) GROUP BY window_start, window_end, k;
