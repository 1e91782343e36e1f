-- Fuzz round 28: an aggregating subquery first inside joins in parentheses. Computed by Flink 2.3.
CREATE TABLE users (user_id INT, name STRING, country STRING);
CREATE TABLE orders (order_id INT, user_id INT, product_id INT, qty INT);
CREATE TABLE products (product_id INT, pname STRING, category STRING);
CREATE TABLE countries (country STRING, region STRING);
SELECT u.name, t.n FROM users u LEFT JOIN ((SELECT user_id, COUNT(*) AS n FROM orders GROUP BY user_id) t JOIN countries c ON c.country <> '') ON u.user_id = t.user_id AND u.country = c.country;
