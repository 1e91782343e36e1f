-- distinct-agg split of a global aggregate over Debezium: MIN(p), SUM, COUNT(DISTINCT v) FILTER, MAX(amt), HAVING. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, p STRING, amt DECIMAL(10, 2), ts TIMESTAMP(3), PRIMARY KEY (id) NOT ENFORCED);
SELECT MIN(p) AS a0, SUM(amt) AS a1, COUNT(DISTINCT v) FILTER (WHERE p = 'home') AS a2, MAX(amt) AS a3 FROM t HAVING COUNT(DISTINCT v) > 1;
