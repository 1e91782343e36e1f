-- A window aggregation keyed by cnt % 3 (NULL and -2 among the keys) feeding an aggregation: Flink's firing order tells the NULL group from the -2 group. Computed by Flink 2.3.
CREATE TABLE clicks (user_id STRING, page STRING, amount DECIMAL(10, 2), cnt INT, big BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT k0 AS g, COUNT(*) AS wins, MAX(a0) AS best FROM (SELECT window_start, window_end, cnt % 3 AS k0, SUM(cnt) AS a0 FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '8' SECOND)) GROUP BY window_start, window_end, cnt % 3) GROUP BY k0;
