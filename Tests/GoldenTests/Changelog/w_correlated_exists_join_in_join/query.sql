-- A correlated EXISTS over a join, in a query over a join. Computed by Flink 2.3.
CREATE TABLE users (user_id INT, name STRING, country STRING);
CREATE TABLE orders (order_id INT, user_id INT, product_id INT, qty INT);
CREATE TABLE products (product_id INT, pname STRING, price DOUBLE);
CREATE TABLE cats (product_id INT, cat STRING);
SELECT u.name, p.pname FROM users u JOIN products p ON p.product_id = u.user_id + 6 WHERE EXISTS (SELECT 1 FROM orders o JOIN cats c ON c.product_id = o.product_id WHERE o.user_id = u.user_id);
