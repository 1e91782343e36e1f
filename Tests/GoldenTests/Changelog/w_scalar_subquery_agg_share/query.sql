-- Scalar subqueries inside select-list expressions and a HAVING of an aggregation (a page's share of all clicks). Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, dur BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT page, COUNT(*) AS n, COUNT(*) * 100 / (SELECT COUNT(*) FROM clicks) AS pct, SUM(dur) - (SELECT MIN(dur) FROM clicks) AS over_min FROM clicks GROUP BY page HAVING COUNT(*) > 1;
