-- ARRAY_AGG(DISTINCT v): each value once, in the order first seen, NULL included. Computed by Flink 2.3.
CREATE TABLE t (k STRING, g STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT k, CAST(ARRAY_AGG(DISTINCT v) AS STRING) AS a, COUNT(*) AS c FROM t GROUP BY k;
