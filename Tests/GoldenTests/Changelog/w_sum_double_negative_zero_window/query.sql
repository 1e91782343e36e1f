-- A SUM of DOUBLE -0.0 is -0.0 (Flink's SUM starts NULL and takes its first value as it is; an AVG starts at 0), and a group whose sum goes from -0.0 to 0.0 writes no update (Flink's equaliser compares doubles with ==). Computed by Flink 2.3.
CREATE TABLE ev (k STRING, d DOUBLE, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT window_start, k, SUM(d) AS s, AVG(d) AS a, CAST(SUM(CAST(d AS FLOAT)) AS STRING) AS sf FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end, k;
