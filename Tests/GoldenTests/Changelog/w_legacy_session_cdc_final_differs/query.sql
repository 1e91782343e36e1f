-- Legacy GROUP BY SESSION(ts, …), k over a Debezium changelog: sessions per key, written when they close (differential round 14). Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, p STRING, amt DECIMAL(10, 2), ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT k, SESSION_START(ts, INTERVAL '2' SECOND) AS ss, COUNT(*) AS n, SUM(v) AS sv FROM t GROUP BY SESSION(ts, INTERVAL '2' SECOND), k;
