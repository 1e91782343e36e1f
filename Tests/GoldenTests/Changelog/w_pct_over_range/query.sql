-- PERCENTILE (Flink's PercentileAggFunction: exact, linear interpolation), computed by Flink 2.3.
CREATE TABLE t (user_id INT, page STRING, d INT, price DECIMAL(10, 2), f INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT page, d, PERCENTILE(d, 0.5) OVER w AS med, PERCENTILE(price, 0.75) OVER w AS p75, PERCENTILE(d, 0.5, f) OVER w AS fq
FROM t WINDOW w AS (PARTITION BY page ORDER BY ts RANGE BETWEEN INTERVAL '20' SECOND PRECEDING AND CURRENT ROW);
