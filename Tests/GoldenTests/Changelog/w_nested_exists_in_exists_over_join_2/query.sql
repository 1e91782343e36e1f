-- An EXISTS inside a correlated EXISTS over a join (round 29). Computed by Flink 2.3.
CREATE TABLE users (user_id INT, name STRING, country STRING);
CREATE TABLE orders (order_id INT, user_id INT, product_id INT, qty INT);
CREATE TABLE products (product_id INT, pname STRING, price DOUBLE);
CREATE TABLE cats (product_id INT, cat STRING);
SELECT u.name FROM users u WHERE EXISTS (SELECT 1 FROM orders o JOIN products p ON o.product_id = p.product_id WHERE o.user_id = u.user_id AND EXISTS (SELECT 1 FROM cats c WHERE c.product_id = p.product_id));
