-- DECIMAL result types and values at their limits, as Flink 2.3 computes them (found in differential testing).
CREATE TABLE t (k INT, d DECIMAL(8,2));
SELECT k, SUM(d) / COUNT(*) AS a FROM t GROUP BY k;
