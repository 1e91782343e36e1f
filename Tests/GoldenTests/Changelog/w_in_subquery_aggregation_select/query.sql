-- x IN (SELECT …) in an aggregation's select list, over a group column that the subquery's column shares a name with. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT);
CREATE TABLE u (k STRING, w INT);
SELECT k, COUNT(*) AS n, k IN (SELECT k FROM u) AS hit FROM t GROUP BY k;
