-- CUMULATE aggregates with FILTERs reading window_start/window_end, and HAVING. Computed by Flink 2.3.
CREATE TABLE clicks (user_id STRING, page STRING, amount DECIMAL(10, 2), ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT window_start, window_end, COUNT(*) AS n, COUNT(*) FILTER (WHERE ts >= window_end - INTERVAL '5' SECOND) AS last_step, AVG(amount) FILTER (WHERE ts < window_start + INTERVAL '10' SECOND) AS first_half FROM TABLE(CUMULATE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '20' SECOND)) GROUP BY window_start, window_end HAVING COUNT(*) > 1;
