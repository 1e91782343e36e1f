CREATE TABLE orders (id INT, uid INT, amt INT);
CREATE TABLE users (uid INT, name STRING);
SELECT id, amt FROM orders o WHERE EXISTS (SELECT 1 FROM users u WHERE u.uid = o.uid AND u.uid * 2 < o.amt);
