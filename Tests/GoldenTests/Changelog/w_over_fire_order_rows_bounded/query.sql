-- OVER ROWS 5 PRECEDING over two partition keys: partitions due at one watermark in Flink's timer-heap order. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, p STRING, amt DECIMAL(10, 2), ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND);
SELECT id, k, v, MIN(p) OVER w AS mn, MAX(p) OVER w AS mx, COUNT(DISTINCT p) OVER w AS dp FROM t WINDOW w AS (PARTITION BY k, p ORDER BY ts ROWS BETWEEN 5 PRECEDING AND CURRENT ROW);
