-- x IN (SELECT …) in an aggregation's HAVING: the aggregation first, then the IN as a value over its rows. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT);
CREATE TABLE u (k STRING, w INT);
SELECT k, COUNT(*) AS n FROM t GROUP BY k HAVING k IN (SELECT k FROM u);
