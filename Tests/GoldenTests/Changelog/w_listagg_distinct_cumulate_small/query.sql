-- LISTAGG(DISTINCT …) in a CUMULATE window: the first slice's values in local-flush order, each later slice's new values in the order of its map, late rows in the order of their flush's map. Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, action STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '0' SECOND);
SELECT window_start, window_end, LISTAGG(DISTINCT page) AS pages, COUNT(*) AS c FROM TABLE(CUMULATE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND)) GROUP BY window_start, window_end
