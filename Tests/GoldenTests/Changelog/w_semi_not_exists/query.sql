CREATE TABLE orders (id INT, uid INT, amt INT);
CREATE TABLE users (uid INT, name STRING);
SELECT id, amt FROM orders WHERE amt > 1 AND NOT EXISTS (SELECT * FROM users u WHERE u.uid = orders.uid);
