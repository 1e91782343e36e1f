-- distinct-agg split over a UNION ALL: SUM(DISTINCT v), MIN(v), MAX(amt) in the union's column order. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, p STRING, amt DECIMAL(10, 2), ts TIMESTAMP(3));
SELECT SUM(amt) AS a0, SUM(DISTINCT v) AS a1, MIN(v) AS a2, MAX(amt) AS a3 FROM (SELECT k, v, p, amt FROM t UNION ALL SELECT k, v + 1, p, amt FROM t WHERE v > 3);
