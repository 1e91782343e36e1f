-- LISTAGG(DISTINCT …) in a TUMBLE window over a WITH query that computes a column (fuzz round 23). Computed by Flink 2.3.
CREATE TABLE clicks (page STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '0' SECOND);
WITH v AS (SELECT CONCAT(page, '') AS p, ts FROM clicks)
SELECT window_start, LISTAGG(DISTINCT p) AS pages FROM TABLE(TUMBLE(TABLE v, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end;
