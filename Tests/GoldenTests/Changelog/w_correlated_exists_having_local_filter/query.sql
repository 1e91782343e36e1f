-- EXISTS over a correlated aggregation with a filter of its own and a HAVING on MAX(ts). Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
CREATE TABLE users (user_id INT, name STRING, `limit` INT);
SELECT u.name FROM users u WHERE u.`limit` > 0 AND EXISTS (SELECT c.page FROM clicks c WHERE c.page <> '/b' AND c.user_id = u.user_id GROUP BY c.user_id, c.page HAVING MAX(c.ts) > TIMESTAMP '2024-04-25 10:00:10');
