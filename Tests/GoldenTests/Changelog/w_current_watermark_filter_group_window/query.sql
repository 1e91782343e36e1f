-- A GROUP BY TUMBLE aggregation whose WHERE drops the rows behind the watermark. Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND);
SELECT TUMBLE_START(ts, INTERVAL '10' SECOND) AS w, page, COUNT(*) AS n FROM clicks WHERE CURRENT_WATERMARK(ts) IS NULL OR ts > CURRENT_WATERMARK(ts) GROUP BY TUMBLE(ts, INTERVAL '10' SECOND), page;
