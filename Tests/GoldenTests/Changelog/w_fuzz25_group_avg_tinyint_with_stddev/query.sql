-- AVG of integers beside a STDDEV/VAR: Flink rewrites it as SUM / COUNT, the sum wrapping in the argument's type. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, ti TINYINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT k, AVG(ti) AS av, STDDEV_POP(ti) AS sp FROM t GROUP BY k
