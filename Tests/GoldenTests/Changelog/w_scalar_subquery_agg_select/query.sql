-- A scalar subquery in an aggregation's select list (the count of all clicks beside each page's). Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, dur BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT page, COUNT(*) AS n, (SELECT COUNT(*) FROM clicks) AS total FROM clicks GROUP BY page;
