-- A scalar subquery inside an aggregate's argument. Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT page, COUNT(*) AS n, SUM(user_id - (SELECT MIN(user_id) FROM clicks)) AS above_min FROM clicks GROUP BY page;
