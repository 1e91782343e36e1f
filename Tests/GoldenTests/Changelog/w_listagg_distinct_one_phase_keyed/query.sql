-- LISTAGG(DISTINCT …) in a TUMBLE window with table.optimizer.agg-phase-strategy ONE_PHASE: values in arrival order. Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, action STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '0' SECOND);
SELECT window_start, user_id, LISTAGG(DISTINCT page, '|') AS pages, LISTAGG(DISTINCT action) AS acts, COUNT(DISTINCT page) AS n FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end, user_id
