-- OVER RANGE 1.5 s PRECEDING MIN/MAX per partition: partitions due at one watermark in Flink's timer-heap order. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, p STRING, amt DECIMAL(10, 2), ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT id, k, v, MIN(v) OVER w AS mn, MAX(v) OVER w AS mx FROM t WINDOW w AS (PARTITION BY k ORDER BY ts RANGE BETWEEN INTERVAL '1.5' SECOND PRECEDING AND CURRENT ROW);
