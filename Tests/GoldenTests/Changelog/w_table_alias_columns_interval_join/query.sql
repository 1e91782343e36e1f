-- an interval join of a table with itself, each side's columns renamed by its alias's column list. Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, `timestamp` TIMESTAMP(3), duration_ms BIGINT, WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND);
SELECT a.u, a.p, b.p AS p2 FROM clicks AS a (u, p, t, d) JOIN clicks AS b (u2, p, t2, d2) ON a.u = b.u2 AND b.t2 BETWEEN a.t AND a.t + INTERVAL '3' SECOND WHERE a.d > 1000;
