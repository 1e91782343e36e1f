-- GROUP BY window_start, window_end over an inner window join: a window aggregation, one insert a window (Flink's WindowJoin keeps the window properties). Computed by Flink 2.3.
CREATE TABLE l (k INT, id STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
CREATE TABLE r (k INT, id STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT window_start, window_end, COUNT(*) AS c FROM (SELECT L.id, L.window_start, L.window_end FROM TABLE(TUMBLE(TABLE l, DESCRIPTOR(ts), INTERVAL '5' SECOND)) L JOIN TABLE(TUMBLE(TABLE r, DESCRIPTOR(ts), INTERVAL '5' SECOND)) R ON L.k = R.k AND L.window_start = R.window_start AND L.window_end = R.window_end) GROUP BY window_start, window_end;
