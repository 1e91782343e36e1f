-- The order of LISTAGG(DISTINCT page[, separator]) in a TUMBLE window: Flink keys the distinct map by the page, or by the row (page, separator). Computed by Flink 2.3.
CREATE TABLE clicks (page STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '0' SECOND);
SELECT window_start, LISTAGG(DISTINCT page, ',') AS p FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end
