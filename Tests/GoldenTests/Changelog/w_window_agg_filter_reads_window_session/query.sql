-- SESSION window aggregate whose FILTER reads the session's window_start. Computed by Flink 2.3.
CREATE TABLE clicks (user_id STRING, page STRING, amount DECIMAL(10, 2), ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT window_start, window_end, user_id, COUNT(*) AS n, COUNT(*) FILTER (WHERE ts > window_start) AS after_first FROM TABLE(SESSION(TABLE clicks PARTITION BY user_id, DESCRIPTOR(ts), INTERVAL '3' SECOND)) GROUP BY window_start, window_end, user_id;
