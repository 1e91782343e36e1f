-- A SESSION TVF aggregation grouped by a computed key (v % 2) besides the partition: an aggregation that updates over the sessions' rows, as Flink 2.3 plans it. Computed by Flink 2.3.
CREATE TABLE t (k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT window_start, window_end, k, v % 2 AS odd, COUNT(*) AS c FROM TABLE(SESSION(TABLE t PARTITION BY k, DESCRIPTOR(ts), INTERVAL '3' SECOND)) GROUP BY window_start, window_end, k, v % 2;
