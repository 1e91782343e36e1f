-- LISTAGG(DISTINCT …) in a TUMBLE window with table.optimizer.agg-phase-strategy ONE_PHASE: values in arrival order. Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, action STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '0' SECOND);
SELECT window_start, window_end, LISTAGG(DISTINCT page) AS pages, COUNT(*) AS c FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end
