-- USING with a parenthesized join (star_using_paren_using). Computed by Flink 2.3.
CREATE TABLE users (user_id INT, name STRING, country STRING);
CREATE TABLE orders (order_id INT, user_id INT, product_id INT);
CREATE TABLE products (product_id INT, pname STRING);
SELECT * FROM users u JOIN (orders o JOIN products p USING (product_id)) USING (user_id);
