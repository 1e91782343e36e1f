CREATE TABLE a (id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
CREATE TABLE b (id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT id, window_start FROM (SELECT id, window_start, window_end FROM TABLE(TUMBLE(TABLE a, DESCRIPTOR(ts), INTERVAL '5' SECOND))) L WHERE NOT EXISTS (SELECT * FROM (SELECT * FROM TABLE(TUMBLE(TABLE b, DESCRIPTOR(ts), INTERVAL '5' SECOND))) R WHERE L.window_start = R.window_start AND L.window_end = R.window_end AND L.id = R.id);
