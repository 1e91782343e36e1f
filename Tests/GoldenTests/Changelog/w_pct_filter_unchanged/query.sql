-- PERCENTILE with FILTER in an updating aggregation: a row that leaves the percentile as it was writes nothing (Flink compares the percentile). Computed by Flink 2.3.
CREATE TABLE t (user_id INT, page STRING, d INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT page, PERCENTILE(d, 0.5) FILTER (WHERE user_id = 1) AS med1, PERCENTILE(d * 2, 0.8, user_id) FILTER (WHERE d > 2) AS p80 FROM t GROUP BY page;
