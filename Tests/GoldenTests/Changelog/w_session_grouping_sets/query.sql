-- GROUPING SETS / ROLLUP over SESSION windows: an aggregation that updates over the sessions' rows, as Flink plans it (differential round 14). Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, p STRING, amt DECIMAL(10, 2), ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT window_start, window_end, k, COUNT(*) AS n FROM TABLE(SESSION(TABLE t, DESCRIPTOR(ts), INTERVAL '3' SECOND)) GROUP BY window_start, window_end, GROUPING SETS ((k), ());
