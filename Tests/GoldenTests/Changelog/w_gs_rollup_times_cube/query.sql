-- Two grouping items: every combination of ROLLUP(k)'s and CUBE(g)'s sets, in Calcite's order. Computed by Flink 2.3.
CREATE TABLE t (k STRING, g STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT k, g, GROUPING_ID(k, g) AS gi, COUNT(*) AS c FROM t GROUP BY ROLLUP(k), CUBE(g);
