-- EXISTS over a correlated aggregation with GROUP BY and HAVING. Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
CREATE TABLE users (user_id INT, name STRING);
SELECT u.name FROM users u WHERE EXISTS (SELECT 1 FROM clicks c WHERE c.user_id = u.user_id GROUP BY c.user_id HAVING COUNT(*) > 2);
