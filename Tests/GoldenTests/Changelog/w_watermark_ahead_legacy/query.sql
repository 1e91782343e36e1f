-- A watermark ahead of the events with GROUP BY TUMBLE(ts, …). Computed by Flink 2.3.
CREATE TABLE t (k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts + INTERVAL '2' SECOND);
SELECT k, TUMBLE_START(ts, INTERVAL '10' SECOND) AS ws, COUNT(*) AS c FROM t GROUP BY TUMBLE(ts, INTERVAL '10' SECOND), k;
