CREATE TABLE clicks (user_id INT, page STRING, ts TIMESTAMP(3), d BIGINT, WATERMARK FOR ts AS ts - INTERVAL '0' SECOND);
SELECT page, user_id, COUNT(*) AS c, GROUPING(page) AS gp, GROUPING(user_id) AS gu, GROUPING_ID(page, user_id) AS gid FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '5' SECOND)) GROUP BY window_start, window_end, page, ROLLUP (user_id);
