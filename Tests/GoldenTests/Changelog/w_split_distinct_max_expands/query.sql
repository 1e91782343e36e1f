-- distinct-agg split: COUNT(DISTINCT p), COUNT(*) and MAX(v): MAX hashes v, so rows expand into three group sets. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, p STRING);
SELECT COUNT(DISTINCT p) AS dp, COUNT(*) AS n, MAX(v) AS mv FROM t;
