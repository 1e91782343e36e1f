-- distinct-agg split: COUNT(DISTINCT k) FILTER (WHERE v > 1) and COUNT(*) by p. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, p STRING, amt DECIMAL(10, 2), ts TIMESTAMP(3));
SELECT p, COUNT(DISTINCT k) FILTER (WHERE v > 1) AS dk, COUNT(*) AS n FROM t GROUP BY p;
