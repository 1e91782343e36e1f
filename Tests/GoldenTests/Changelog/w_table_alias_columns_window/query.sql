-- clicks AS c (u, p, t, d): the columns renamed, t still the time attribute of a TUMBLE group window. Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, `timestamp` TIMESTAMP(3), duration_ms BIGINT, WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND);
SELECT p, TUMBLE_START(t, INTERVAL '10' SECOND) AS ws, COUNT(*) AS n, SUM(d) AS sd FROM clicks AS c (u, p, t, d) GROUP BY TUMBLE(t, INTERVAL '10' SECOND), p;
