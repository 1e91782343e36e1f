-- AVG of integers beside a STDDEV/VAR: Flink rewrites it as SUM / COUNT, the sum wrapping in the argument's type. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, ti TINYINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT window_start, AVG(ti) AS av, VAR_POP(ti) AS vp FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end
