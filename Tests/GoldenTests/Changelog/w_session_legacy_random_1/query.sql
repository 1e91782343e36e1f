-- GROUP BY SESSION(ts, …), k over 300 random rows: groups closing together in the order of Flink's timer heap. Computed by Flink 2.3.
CREATE TABLE t (k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT k, SESSION_START(ts, INTERVAL '3' SECOND) AS ws, COUNT(*) AS c, MAX(v) AS m FROM t GROUP BY SESSION(ts, INTERVAL '3' SECOND), k;
