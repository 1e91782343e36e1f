-- A legacy GROUP BY HOP merges its panes oldest first (LISTAGG shows it). Computed by Flink 2.3.
CREATE TABLE clicks (page STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '0' SECOND);
SELECT HOP_START(ts, INTERVAL '5' SECOND, INTERVAL '10' SECOND) AS hs, LISTAGG(page) AS pages FROM clicks GROUP BY HOP(ts, INTERVAL '5' SECOND, INTERVAL '10' SECOND);
