-- A HOP TVF aggregation filtered on CURRENT_WATERMARK and on a column. Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND);
SELECT window_start, window_end, COUNT(*) AS n, COUNT(DISTINCT user_id) AS u FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND)) WHERE page <> '/b' AND ts >= COALESCE(CURRENT_WATERMARK(ts), TIMESTAMP '1970-01-01 00:00:00') GROUP BY window_start, window_end;
