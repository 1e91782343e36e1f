-- PERCENTILE (Flink's PercentileAggFunction: exact, linear interpolation), computed by Flink 2.3.
CREATE TABLE t (user_id INT, page STRING, d INT, price DECIMAL(10, 2), f INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT page, d, PERCENTILE(CAST(d AS DOUBLE) / 3, 0.3) OVER (PARTITION BY page ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS p30 FROM t;
