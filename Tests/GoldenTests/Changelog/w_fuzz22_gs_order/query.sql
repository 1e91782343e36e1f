-- GROUPING SETS(c, (c, a)) without a window: a row's changes come set by set in Calcite's order of the sets (an enclosing set first). Computed by Flink 2.3.
CREATE TABLE t (a STRING, c STRING, v INT);
SELECT a, c, GROUPING_ID(a, c) AS gid, COUNT(*) AS cnt FROM t GROUP BY GROUPING SETS(c, (c, a));
