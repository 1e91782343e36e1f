-- LISTAGG(DISTINCT …) in a legacy GROUP BY HOP window: panes merged oldest first, each pane's new values in the order of its map. Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, action STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '0' SECOND);
SELECT HOP_START(ts, INTERVAL '5' SECOND, INTERVAL '20' SECOND) AS hs, user_id, LISTAGG(DISTINCT page, '|') AS pages FROM clicks GROUP BY HOP(ts, INTERVAL '5' SECOND, INTERVAL '20' SECOND), user_id
