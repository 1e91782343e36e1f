-- OVER AVG of integers: SUM / COUNT with the sum wrapping in the argument's type. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT id, AVG(v) OVER w AS av, SUM(v) OVER w AS su FROM t WINDOW w AS (PARTITION BY k ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
