-- distinct-agg split under a WHERE: the buckets in the table's column order (v before amt), as Calcite merges the projection away. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, p STRING, amt DECIMAL(10, 2));
SELECT p, COUNT(DISTINCT amt) AS da, COUNT(DISTINCT v) AS dv FROM t WHERE v IS NOT NULL GROUP BY p;
