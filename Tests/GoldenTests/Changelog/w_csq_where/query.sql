CREATE TABLE orders (id INT, cust INT, amount INT);
CREATE TABLE payments (cust INT, paid INT, via STRING);
SELECT o.id, o.amount FROM orders AS o WHERE o.amount > (SELECT SUM(p.paid) FROM payments AS p WHERE p.cust = o.cust);
