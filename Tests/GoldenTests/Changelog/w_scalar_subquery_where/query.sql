CREATE TABLE orders (id INT, amt INT);
CREATE TABLE limits (lim INT);
SELECT id, amt FROM orders WHERE amt > (SELECT AVG(lim) FROM limits);
