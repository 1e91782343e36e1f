-- AVG of integers beside a STDDEV/VAR: Flink rewrites it as SUM / COUNT, the sum wrapping in the argument's type. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT);
SELECT k, AVG(v) AS av, SUM(v) AS su, STDDEV_POP(v) AS sp FROM t GROUP BY k
