-- LISTAGG(DISTINCT …) in a TUMBLE window over a view that computes a column (the operator graph's window aggregation): Flink's two-phase order. Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, action STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND);
WITH v AS (SELECT user_id, CONCAT(page, '') AS p, action, ts FROM clicks) SELECT window_start, LISTAGG(DISTINCT p) AS pages FROM TABLE(TUMBLE(TABLE v, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end
