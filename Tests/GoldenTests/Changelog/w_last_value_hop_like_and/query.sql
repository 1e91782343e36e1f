-- LAST_VALUE in HOP windows, WHERE a comparison AND a LIKE. Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND);
SELECT window_start, window_end, LAST_VALUE(page) AS l, SUM(user_id) AS s FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND)) WHERE user_id > 2 AND page LIKE '%1' GROUP BY window_start, window_end;
