-- FIRST_VALUE in HOP windows filtered by LIKE, with HAVING. Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND);
SELECT window_start, window_end, FIRST_VALUE(page) AS f FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(ts), INTERVAL '4' SECOND, INTERVAL '12' SECOND)) WHERE page LIKE '/_/_' GROUP BY window_start, window_end HAVING COUNT(*) > 2;
