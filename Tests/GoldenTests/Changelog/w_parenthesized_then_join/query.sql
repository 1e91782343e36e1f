-- Joins in parentheses on a join's right (parenthesized then join). Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
CREATE TABLE users (user_id INT, name STRING);
CREATE TABLE orders (order_id INT, user_id INT, amount INT);
CREATE TABLE depts (name STRING, dept STRING);
SELECT c.page, u.name, o.amount, d.dept FROM clicks c JOIN (users u JOIN orders o ON u.user_id = o.user_id AND o.amount > 2) ON c.user_id = u.user_id LEFT JOIN depts d ON d.name = u.name;
