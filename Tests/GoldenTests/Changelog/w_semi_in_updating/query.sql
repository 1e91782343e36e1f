CREATE TABLE orders (id INT, uid INT, amt INT);
CREATE TABLE users (uid INT, name STRING);
SELECT id, uid FROM orders WHERE uid IN (SELECT uid FROM orders GROUP BY uid HAVING COUNT(*) >= 2);
