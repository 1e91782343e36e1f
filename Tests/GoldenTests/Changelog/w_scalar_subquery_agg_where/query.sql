-- A scalar subquery in the WHERE of an aggregation: the rows it keeps change as the average does. Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, dur BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT page, COUNT(*) AS n, MAX(dur) AS longest FROM clicks WHERE dur > (SELECT AVG(dur) FROM clicks) GROUP BY page;
