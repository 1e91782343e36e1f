CREATE TABLE orders (id INT, uid INT, amt INT);
CREATE TABLE users (uid INT, name STRING);
SELECT id, amt FROM orders WHERE uid IN (SELECT uid FROM users WHERE name <> 'x');
