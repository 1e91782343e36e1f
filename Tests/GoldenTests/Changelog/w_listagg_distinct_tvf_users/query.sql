-- LISTAGG(DISTINCT) over a TUMBLE TVF (two-phase: the local HashMap's iteration order). Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, `timestamp` TIMESTAMP(3), WATERMARK FOR `timestamp` AS `timestamp`);
SELECT window_start, user_id, LISTAGG(DISTINCT page) AS pages, COUNT(*) AS c
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, user_id;
