-- PERCENTILE (Flink's PercentileAggFunction: exact, linear interpolation), computed by Flink 2.3.
CREATE TABLE t (user_id INT, page STRING, d INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT page, PERCENTILE(d, 0.5) AS med, PERCENTILE(d, 0.9) AS p90, PERCENTILE(d, 0.25) AS q1 FROM t GROUP BY page;
