CREATE TABLE orders (id INT, amt INT);
CREATE TABLE limits (lim INT);
SELECT id, amt, (SELECT MAX(lim) FROM limits WHERE lim > 100) AS top, amt + 1 AS nxt FROM orders WHERE id < 4;
