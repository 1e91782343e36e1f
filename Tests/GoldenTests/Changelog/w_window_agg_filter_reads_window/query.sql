-- FILTER clauses reading window_start/window_end in a TUMBLE aggregation: evaluated per window, as Flink. Computed by Flink 2.3.
CREATE TABLE clicks (user_id STRING, page STRING, amount DECIMAL(10, 2), ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT window_start, window_end, page, COUNT(*) AS n, COUNT(*) FILTER (WHERE ts >= window_start + INTERVAL '5' SECOND) AS second_half, SUM(amount) FILTER (WHERE ts < window_end - INTERVAL '2' SECOND) AS early_amount FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end, page;
