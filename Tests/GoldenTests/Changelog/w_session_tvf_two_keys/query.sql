-- A SESSION TVF partitioned by two columns; sessions closing together leave in the order of Flink's timer heap. Computed by Flink 2.3.
CREATE TABLE t (k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND);
SELECT k, v, window_start, window_end FROM TABLE(SESSION(TABLE t PARTITION BY (k, v), DESCRIPTOR(ts), INTERVAL '5' SECOND));
