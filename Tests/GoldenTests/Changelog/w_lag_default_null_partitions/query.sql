-- LAG(v, 1, 0) per partition, ties and a late row: a lagged NULL comes out as -1, not the default. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, p STRING, amt DECIMAL(10, 2), ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT id, k, LAG(v, 1, 0) OVER (PARTITION BY k ORDER BY ts) AS pv FROM t;
