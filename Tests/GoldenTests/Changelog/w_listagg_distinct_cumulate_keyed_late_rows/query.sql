-- LISTAGG(DISTINCT …) per key in a CUMULATE window with late rows that begin a key's period state. Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, action STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND);
SELECT window_start, window_end, user_id, LISTAGG(DISTINCT page) AS pages FROM TABLE(CUMULATE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '20' SECOND)) GROUP BY window_start, window_end, user_id
