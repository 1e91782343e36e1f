-- distinct-agg split: COUNT(DISTINCT k) of the group key is its own group set beside COUNT(DISTINCT p) FILTER. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, p STRING);
SELECT k, COUNT(DISTINCT k) AS dk, COUNT(DISTINCT p) FILTER (WHERE v > 1) AS dp FROM t GROUP BY k;
