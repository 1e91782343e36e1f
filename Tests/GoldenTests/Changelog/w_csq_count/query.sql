CREATE TABLE orders (id INT, cust INT, amount INT);
CREATE TABLE payments (cust INT, paid INT, via STRING);
SELECT o.id, (SELECT COUNT(*) FROM payments AS p WHERE p.cust = o.cust) AS n FROM orders AS o;
