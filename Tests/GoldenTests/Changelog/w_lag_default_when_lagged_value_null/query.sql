-- LAG with a default when the lagged value is NULL (differential round 14). Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, p STRING, amt DECIMAL(10, 2), ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT id, LAG(v, 1, -1) OVER (ORDER BY ts) AS l1, LAG(v, 2, -1) OVER (ORDER BY ts) AS l2, LAG(v) OVER (ORDER BY ts) AS l0 FROM t;
