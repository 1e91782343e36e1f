-- A value IN a correlated aggregation's results. Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
CREATE TABLE users (user_id INT, name STRING, `limit` INT);
SELECT u.name FROM users u WHERE u.`limit` IN (SELECT COUNT(*) FROM clicks c WHERE c.user_id = u.user_id GROUP BY c.page);
