-- TUMBLE window SUM, AVG, MIN, MAX of DECIMAL(38, 10) values up to 27 integer digits, grouped by a DECIMAL(20, 0) key past 64 bits. Computed by Flink 2.3.
CREATE TABLE t (id INT, g DECIMAL(20, 0), amt DECIMAL(38, 10), ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT window_start, g, SUM(amt) AS s, AVG(amt) AS a, MIN(amt) AS mn, MAX(amt) AS mx, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end, g;
