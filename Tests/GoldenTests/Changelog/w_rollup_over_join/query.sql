-- ROLLUP over a join's rows. Computed by Flink 2.3.
CREATE TABLE users (user_id INT, name STRING, country STRING);
CREATE TABLE orders (order_id INT, user_id INT, product_id INT);
SELECT u.country, u.name, COUNT(*) AS n FROM users u JOIN orders o ON u.user_id = o.user_id GROUP BY ROLLUP (u.country, u.name);
