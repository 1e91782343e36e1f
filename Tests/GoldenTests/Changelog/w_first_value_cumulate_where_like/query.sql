-- FIRST_VALUE in CUMULATE windows with a LIKE in WHERE: Flink keeps the window TVF apart and answers. Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT window_start, window_end, FIRST_VALUE(user_id) AS first_user FROM TABLE(CUMULATE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND)) WHERE page LIKE '/p/%' GROUP BY window_start, window_end;
