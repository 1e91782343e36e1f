-- An expression on the left of IN (SELECT …), with SELECT *: computed first, then dropped. Computed by Flink 2.3.
CREATE TABLE users (user_id INT, name STRING, country STRING);
CREATE TABLE orders (order_id INT, user_id INT, qty INT);
CREATE TABLE countries (code STRING);
SELECT * FROM users u WHERE LOWER(u.country) IN (SELECT LOWER(code) FROM countries);
