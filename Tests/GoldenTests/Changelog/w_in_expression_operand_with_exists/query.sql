-- EXISTS, then an expression IN (SELECT …). Computed by Flink 2.3.
CREATE TABLE users (user_id INT, name STRING, country STRING);
CREATE TABLE orders (order_id INT, user_id INT, qty INT);
CREATE TABLE countries (code STRING);
SELECT u.name, u.user_id FROM users u WHERE EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.user_id) AND u.user_id + 1 IN (SELECT qty FROM orders);
