-- Joins in parentheses on a join's right (parenthesized aggregate). Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
CREATE TABLE users (user_id INT, name STRING);
CREATE TABLE orders (order_id INT, user_id INT, amount INT);
SELECT u.name, COUNT(*) AS clicks, SUM(o.amount) AS amount FROM clicks c JOIN (users u JOIN orders o ON u.user_id = o.user_id) ON c.user_id = u.user_id GROUP BY u.name;
