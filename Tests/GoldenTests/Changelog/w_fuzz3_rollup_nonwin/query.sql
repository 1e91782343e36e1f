CREATE TABLE clicks (user_id INT, page STRING, ts TIMESTAMP(3), d BIGINT, WATERMARK FOR ts AS ts - INTERVAL '0' SECOND);
SELECT page, user_id, COUNT(*) AS c, GROUPING_ID(page, user_id) AS g FROM clicks GROUP BY ROLLUP (page, user_id);
