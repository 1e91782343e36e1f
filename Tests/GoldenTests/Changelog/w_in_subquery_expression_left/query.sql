-- u.user_id + 1 IN (SELECT …). Computed by Flink 2.3.
CREATE TABLE users (user_id INT, name STRING, country STRING);
CREATE TABLE orders (order_id INT, user_id INT, product_id INT, qty INT);
CREATE TABLE products (product_id INT, pname STRING, price DOUBLE);
SELECT u.name FROM users u WHERE u.user_id + 1 IN (SELECT o.qty FROM orders o);
