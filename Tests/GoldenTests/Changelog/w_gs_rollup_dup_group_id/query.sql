-- A set repeated by a ROLLUP inside GROUPING SETS, told apart by GROUP_ID (final table). Computed by Flink 2.3.
CREATE TABLE t (k STRING, g STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT k, g, GROUP_ID() AS gid, GROUPING_ID(k, g) AS gi, COUNT(*) AS c FROM t GROUP BY GROUPING SETS ((k, g), ROLLUP(k, g));
