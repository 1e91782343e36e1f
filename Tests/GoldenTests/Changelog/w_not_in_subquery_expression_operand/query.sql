-- An expression on the left of NOT IN (SELECT …) with NULLs on both sides. Computed by Flink 2.3.
CREATE TABLE users (user_id INT, name STRING, country STRING);
CREATE TABLE orders (order_id INT, user_id INT, qty INT);
CREATE TABLE countries (code STRING);
SELECT u.name FROM users u WHERE u.user_id * 2 NOT IN (SELECT qty FROM orders);
