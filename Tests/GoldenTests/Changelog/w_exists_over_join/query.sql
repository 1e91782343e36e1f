-- A correlated EXISTS in the WHERE of a join, correlated on the join's right table. Computed by Flink 2.3.
CREATE TABLE users (user_id INT, name STRING, country STRING);
CREATE TABLE orders (order_id INT, user_id INT, product_id INT);
CREATE TABLE products (product_id INT, pname STRING);
SELECT u.name, o.order_id FROM users u JOIN orders o ON u.user_id = o.user_id WHERE EXISTS (SELECT 1 FROM products p WHERE p.product_id = o.product_id);
