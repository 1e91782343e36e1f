-- WHERE on a SESSION TVF's window_end and a column: filtered after the sessions close. Computed by Flink 2.3.
CREATE TABLE t (k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND);
SELECT v, k, window_end FROM TABLE(SESSION(TABLE t PARTITION BY k, DESCRIPTOR(ts), INTERVAL '5' SECOND)) WHERE v % 2 = 0 AND window_end > TIMESTAMP '2024-01-01 00:00:08';
