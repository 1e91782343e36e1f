-- PERCENTILE (Flink's PercentileAggFunction: exact, linear interpolation), computed by Flink 2.3.
CREATE TABLE t (user_id INT, page STRING, d INT, price DECIMAL(10, 2), f INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT window_start, window_end, page, PERCENTILE(price, 0.5) AS med, PERCENTILE(d, 1.0) AS mx, PERCENTILE(d, 0.0) AS mn, PERCENTILE(d, 0.4, f) AS fq, COUNT(*) AS c
FROM TABLE(HOP(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND, INTERVAL '30' SECOND)) GROUP BY window_start, window_end, page;
