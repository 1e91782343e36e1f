CREATE TABLE orders (id INT, uid INT, amt INT);
CREATE TABLE users (uid INT, name STRING);
SELECT uid, COUNT(*) AS n, SUM(amt) AS total FROM orders WHERE uid IN (SELECT uid FROM users) GROUP BY uid;
