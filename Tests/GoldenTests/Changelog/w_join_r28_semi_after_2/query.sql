-- Fuzz round 28: semi after 2 over joins. Computed by Flink 2.3.
CREATE TABLE users (user_id INT, name STRING, country STRING, PRIMARY KEY (user_id) NOT ENFORCED);
CREATE TABLE orders (order_id INT, user_id INT, product_id INT, qty INT);
CREATE TABLE products (product_id INT, pname STRING, category STRING, PRIMARY KEY (product_id) NOT ENFORCED);
CREATE TABLE countries (country STRING, region STRING);
SELECT u.name, o.order_id FROM users u JOIN (orders o JOIN products p ON o.product_id = p.product_id) ON u.user_id = o.user_id WHERE u.country IN (SELECT country FROM countries WHERE region = 'EU');
