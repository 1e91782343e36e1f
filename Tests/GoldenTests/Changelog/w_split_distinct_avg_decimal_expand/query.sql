-- distinct-agg split: COUNT(DISTINCT p), AVG of a DECIMAL(10, 2) and MAX(v), rows expanded per group set. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, p STRING, m DECIMAL(10, 2));
SELECT k, COUNT(DISTINCT p) AS dp, AVG(m) AS am, MAX(v) AS mx FROM t GROUP BY k;
