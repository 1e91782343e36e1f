-- USING with a parenthesized join (using_paren_on). Computed by Flink 2.3.
CREATE TABLE users (user_id INT, name STRING, country STRING);
CREATE TABLE orders (order_id INT, user_id INT, product_id INT);
CREATE TABLE products (product_id INT, pname STRING);
SELECT user_id, u.country, o.order_id, p.pname FROM users u JOIN (orders o JOIN products p ON o.product_id = p.product_id) USING (user_id) WHERE u.country = 'DE';
