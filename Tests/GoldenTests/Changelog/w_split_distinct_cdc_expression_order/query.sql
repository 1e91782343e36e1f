-- distinct-agg split over Debezium with a WHERE and COUNT(DISTINCT CONCAT(k, p)): buckets in the order the aggregates name their arguments. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, p STRING, amt DECIMAL(10, 2), ts TIMESTAMP(3), PRIMARY KEY (id) NOT ENFORCED);
SELECT p, COUNT(v) AS a0, COUNT(DISTINCT CONCAT(k, p)) AS a1, COUNT(DISTINCT k) AS a2, MIN(v) AS a3, SUM(v) AS a4 FROM t WHERE v IS NOT NULL AND v <> 5 GROUP BY p;
