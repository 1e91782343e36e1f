CREATE TABLE orders (id INT, uid INT, amt INT);
CREATE TABLE users (uid INT, name STRING, lim INT);
SELECT o.id, u.name FROM orders o LEFT JOIN users u ON o.uid IS NOT DISTINCT FROM u.uid;
