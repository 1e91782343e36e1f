-- NOT EXISTS over a correlated aggregation with HAVING COUNT(DISTINCT …). Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
CREATE TABLE users (user_id INT, name STRING, `limit` INT);
SELECT u.name, u.user_id FROM users u WHERE NOT EXISTS (SELECT c.user_id FROM clicks c WHERE u.user_id = c.user_id GROUP BY c.user_id HAVING COUNT(DISTINCT c.page) > 1);
