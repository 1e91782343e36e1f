-- a LEFT window join of one table with itself: rows whose window the source's watermark closed are late on either side. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, p STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT a.window_start, a.window_end, a.id, b.id AS bid FROM (SELECT * FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '2' SECOND)) WHERE p = 'home') a LEFT JOIN (SELECT * FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '2' SECOND)) WHERE p = 'buy') b ON a.window_start = b.window_start AND a.window_end = b.window_end AND a.k = b.k;
