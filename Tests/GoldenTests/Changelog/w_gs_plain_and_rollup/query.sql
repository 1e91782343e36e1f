-- A plain key and ROLLUP together. Computed by Flink 2.3.
CREATE TABLE t (k STRING, g STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT k, g, v, GROUPING(g, v) AS gi, COUNT(*) AS c FROM t GROUP BY k, ROLLUP(g, v);
