-- CURRENT_WATERMARK reads the watermark of the rowtime attribute, as in Flink: any other column is an error.
CREATE TABLE clicks (user_id INT, page STRING, ts TIMESTAMP(3), seen TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT page, ts FROM clicks WHERE seen > CURRENT_WATERMARK(seen);
