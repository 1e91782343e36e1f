-- DECIMAL result types and values at their limits, as Flink 2.3 computes them (found in differential testing).
CREATE TABLE t (x DOUBLE);
SELECT CAST(x AS DECIMAL(10,2)) AS d FROM t;
