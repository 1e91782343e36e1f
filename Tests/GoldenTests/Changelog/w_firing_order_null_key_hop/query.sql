-- HOP aggregation keyed by a nullable INT feeding an aggregation, in Flink's firing order. Computed by Flink 2.3.
CREATE TABLE clicks (user_id STRING, page STRING, amount DECIMAL(10, 2), cnt INT, big BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT k0 AS g, COUNT(*) AS wins, MAX(a0) AS best FROM (SELECT window_start, window_end, cnt AS k0, COUNT(*) AS a0 FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(ts), INTERVAL '4' SECOND, INTERVAL '8' SECOND)) GROUP BY window_start, window_end, cnt) GROUP BY k0;
