-- GROUP_ID() with a grouping set listed twice (Flink runs the repeat as a second aggregation over its own scan: the final table is compared). Computed by Flink 2.3.
CREATE TABLE t (k STRING, g STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT k, GROUP_ID() AS gid, GROUPING(k) AS gk, COUNT(*) AS c, SUM(v) AS s FROM t GROUP BY GROUPING SETS ((k), (k), ());
