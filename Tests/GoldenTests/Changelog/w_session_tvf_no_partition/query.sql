-- A SESSION window TVF without PARTITION BY: one session sequence over all rows, written with its merged bounds. Computed by Flink 2.3.
CREATE TABLE t (k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND);
SELECT k, v, window_start, window_end, window_time FROM TABLE(SESSION(TABLE t, DESCRIPTOR(ts), INTERVAL '4' SECOND));
