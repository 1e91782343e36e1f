-- Fuzz round 28: rollup after 0 over joins. Computed by Flink 2.3.
CREATE TABLE users (user_id INT, name STRING, country STRING);
CREATE TABLE orders (order_id INT, user_id INT, product_id INT, qty INT);
CREATE TABLE products (product_id INT, pname STRING, category STRING);
CREATE TABLE countries (country STRING, region STRING);
SELECT c.region, p.category, COUNT(*) AS n FROM countries c JOIN (users u JOIN (orders o JOIN products p ON o.product_id = p.product_id) ON u.user_id = o.user_id) ON c.country = u.country GROUP BY ROLLUP (c.region, p.category);
