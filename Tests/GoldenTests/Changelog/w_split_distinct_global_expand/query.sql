-- distinct-agg split of a global aggregate with two DISTINCT columns and MAX: rows expanded per group set. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, p STRING, amt DECIMAL(10, 2), ts TIMESTAMP(3));
SELECT COUNT(DISTINCT k) AS dk, SUM(DISTINCT v) AS sdv, MAX(v) AS mv FROM t;
