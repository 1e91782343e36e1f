-- GROUP_ID() in a window aggregation with a grouping set listed twice. Computed by Flink 2.3.
CREATE TABLE t (k STRING, g STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT window_start, window_end, k, GROUP_ID() AS gid, GROUPING(k) AS gk, COUNT(*) AS c FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '5' SECOND)) GROUP BY window_start, window_end, GROUPING SETS ((k), (k), ());
