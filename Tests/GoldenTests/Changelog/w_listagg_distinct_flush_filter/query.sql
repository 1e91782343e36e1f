-- LISTAGG(DISTINCT …) in a TUMBLE window whose rows reach Flink's global aggregation in two local flushes. Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, action STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '0' SECOND);
SELECT window_start, LISTAGG(DISTINCT page) AS pages FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND)) WHERE action <> 'buy' GROUP BY window_start, window_end
