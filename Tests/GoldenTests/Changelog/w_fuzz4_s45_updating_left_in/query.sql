CREATE TABLE orders (id INT, uid INT, amt INT);
CREATE TABLE users (uid INT, name STRING, lim INT);
SELECT uid, s FROM (SELECT uid, SUM(amt) AS s FROM orders GROUP BY uid) WHERE uid IN (SELECT uid FROM users);
