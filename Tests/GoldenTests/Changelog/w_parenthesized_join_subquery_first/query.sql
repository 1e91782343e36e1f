-- Joins in parentheses whose first table is a subquery. Computed by Flink 2.3.
CREATE TABLE users (user_id INT, name STRING, country STRING);
CREATE TABLE orders (order_id INT, user_id INT, product_id INT);
CREATE TABLE countries (country STRING, region STRING);
SELECT u.name, t.n, c.region FROM users u LEFT JOIN ((SELECT user_id, COUNT(*) AS n FROM orders GROUP BY user_id) t JOIN countries c ON c.region = 'EU') ON u.user_id = t.user_id AND u.country = c.country;
