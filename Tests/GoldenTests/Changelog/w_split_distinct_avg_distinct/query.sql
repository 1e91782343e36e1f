-- distinct-agg split: AVG(DISTINCT v) and COUNT(*) by p. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, p STRING, m DECIMAL(10, 2));
SELECT p, AVG(DISTINCT v) AS adv, COUNT(*) AS n FROM t GROUP BY p;
