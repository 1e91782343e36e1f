-- distinct-agg split: COUNT(DISTINCT v) and COUNT(DISTINCT p) by k, expanded. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, p STRING, amt DECIMAL(10, 2), ts TIMESTAMP(3));
SELECT k, COUNT(DISTINCT v) AS dv, COUNT(DISTINCT p) AS dp FROM t GROUP BY k;
