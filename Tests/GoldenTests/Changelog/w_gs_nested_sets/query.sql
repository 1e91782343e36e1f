-- GROUPING SETS nested in GROUPING SETS, a bare column as a set. Computed by Flink 2.3.
CREATE TABLE t (k STRING, g STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT k, g, GROUPING_ID(k, g) AS gi, COUNT(*) AS c FROM t GROUP BY GROUPING SETS (k, GROUPING SETS (g, ()));
