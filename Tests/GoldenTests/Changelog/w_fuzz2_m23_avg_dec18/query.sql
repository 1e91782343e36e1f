-- DECIMAL result types and values at their limits, as Flink 2.3 computes them (found in differential testing).
CREATE TABLE t (d DECIMAL(18,2));
SELECT AVG(d) AS a FROM t;
