-- A window TVF over a view that computes its columns (time attribute kept): the rows through the graph, windowed there (Flink 2.3).
CREATE TABLE clicks (user_id INT, page STRING, `timestamp` TIMESTAMP(3), duration_ms BIGINT, WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '2' SECOND);
WITH v AS (SELECT user_id, SPLIT_INDEX(page, '/', 1) AS section, COALESCE(duration_ms, 0) / 1000 AS secs, `timestamp` AS ts FROM clicks WHERE user_id <> 110)
SELECT window_start, window_end, section, COUNT(*) AS c, SUM(secs) AS total, MAX(user_id) AS top_user
FROM TABLE(HOP(TABLE v, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '15' SECOND))
WHERE secs >= 0
GROUP BY window_start, window_end, section;
