-- A HOP window TVF merges its slices newest first (LISTAGG shows it). Computed by Flink 2.3.
CREATE TABLE clicks (page STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '0' SECOND);
SELECT window_start, LISTAGG(page) AS pages FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND)) GROUP BY window_start, window_end;
