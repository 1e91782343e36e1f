-- DECIMAL result types and values at their limits, as Flink 2.3 computes them (found in differential testing).
CREATE TABLE t (d DECIMAL(6,3));
SELECT MOD(d, 0.7) AS m FROM t;
