-- ROLLUP(k), ROLLUP(k): repeated sets of a product, told apart by GROUP_ID (final table). Computed by Flink 2.3.
CREATE TABLE t (k STRING, g STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT k, GROUP_ID() AS gid, GROUPING(k) AS gk, COUNT(*) AS c FROM t GROUP BY ROLLUP(k), ROLLUP(k);
