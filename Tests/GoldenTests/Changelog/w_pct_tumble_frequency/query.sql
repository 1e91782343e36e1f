-- PERCENTILE (Flink's PercentileAggFunction: exact, linear interpolation), computed by Flink 2.3.
CREATE TABLE t (user_id INT, page STRING, d INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT window_start, user_id, PERCENTILE(d, 0.5) AS med, PERCENTILE(CAST(d AS DOUBLE), 0.75) AS p75, PERCENTILE(d, 0.3, user_id + 1) AS fq FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end, user_id;
