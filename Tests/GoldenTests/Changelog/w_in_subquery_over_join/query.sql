-- An IN subquery in the WHERE of a join. Computed by Flink 2.3.
CREATE TABLE users (user_id INT, name STRING, country STRING);
CREATE TABLE orders (order_id INT, user_id INT, product_id INT);
CREATE TABLE products (product_id INT, pname STRING);
SELECT u.name, o.order_id FROM users u JOIN orders o ON u.user_id = o.user_id WHERE o.product_id IN (SELECT product_id FROM products);
