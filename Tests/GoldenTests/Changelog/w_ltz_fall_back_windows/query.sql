-- Ten-minute TUMBLE windows over a TIMESTAMP_LTZ rowtime in America/Los_Angeles across the 2024-11-03 fall-back: a window inside the repeated hour holds both passes' rows, as Flink's timers wait for its later instant. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, ts TIMESTAMP_LTZ(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT CAST(window_start AS STRING) AS ws, CAST(window_end AS STRING) AS we, COUNT(*) AS n, LISTAGG(CAST(id AS STRING)) AS ids FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' MINUTE)) GROUP BY window_start, window_end;
