-- FIRST_VALUE and LAST_VALUE by arrival in CUMULATE windows filtered by LIKE, rows out of order (groups of a firing compared as a multiset). Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND);
SELECT window_start, window_end, page, FIRST_VALUE(user_id) AS f, LAST_VALUE(user_id) AS l, COUNT(*) AS n FROM TABLE(CUMULATE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '15' SECOND)) WHERE page LIKE '/p/%' GROUP BY window_start, window_end, page;
