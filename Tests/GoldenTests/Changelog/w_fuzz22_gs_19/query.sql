-- Grouping sets without a window, written out of Calcite's order: the changes follow Calcite's. Computed by Flink 2.3.
CREATE TABLE t (a STRING, b INT, c STRING, v INT, d DOUBLE, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND);
SELECT a, c, GROUPING(a) AS g_a, GROUPING(c) AS g_c, GROUPING_ID(a, c) AS gid, GROUPING(a, c) AS gm, SUM(v) AS sv, COUNT(*) AS cnt FROM t GROUP BY GROUPING SETS(c, (c, a));
