-- DECIMAL result types and values at their limits, as Flink 2.3 computes them (found in differential testing).
CREATE TABLE t (d DECIMAL(10,3));
SELECT d * d AS dd, d / 3 AS d3 FROM t;
