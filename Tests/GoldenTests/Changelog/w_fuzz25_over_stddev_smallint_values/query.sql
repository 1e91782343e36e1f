-- OVER STDDEV/VAR of integers by Flink's SUM formula, wrapping in the argument's type. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT id, STDDEV_POP(v) OVER w AS sp FROM t WINDOW w AS (PARTITION BY k ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
