-- OVER RANGE UNBOUNDED PRECEDING per partition with DECIMAL: partitions due at one watermark in Flink's timer-heap order. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, p STRING, amt DECIMAL(10, 2), ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT id, k, v, SUM(amt) OVER w AS s, AVG(amt) OVER w AS a, MAX(amt) OVER w AS m FROM t WINDOW w AS (PARTITION BY k ORDER BY ts RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW);
