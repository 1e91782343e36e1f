CREATE TABLE clicks (user_id INT, page STRING, ts TIMESTAMP(3), d BIGINT, WATERMARK FOR ts AS ts - INTERVAL '0' SECOND);
SELECT page, d > 100 AS big, COUNT(*) AS c FROM clicks GROUP BY GROUPING SETS ((page, d > 100), (d > 100));
