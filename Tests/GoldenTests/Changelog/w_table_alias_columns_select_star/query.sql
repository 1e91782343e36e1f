-- (SELECT * … WHERE …) AS s (x, y, z, w): a column list for a subquery of SELECT *. Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, `timestamp` TIMESTAMP(3), duration_ms BIGINT, WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND);
SELECT x, COUNT(*) AS n FROM (SELECT * FROM clicks WHERE duration_ms > 1000) AS s (x, y, z, w) GROUP BY x;
