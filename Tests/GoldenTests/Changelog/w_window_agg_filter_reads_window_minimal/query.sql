-- A COUNT(DISTINCT) FILTER reading window_start over HOP (fuzz round 26). Computed by Flink 2.3.
CREATE TABLE clicks (user_id STRING, cnt INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT window_start, COUNT(*) AS n, COUNT(*) FILTER (WHERE ts >= window_start + INTERVAL '5' SECOND) AS late_half FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end;
