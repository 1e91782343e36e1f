CREATE TABLE orders (id INT, cust INT, amount INT);
SELECT o.id, o.cust, o.amount FROM orders AS o WHERE o.amount > (SELECT AVG(p.amount) FROM orders AS p WHERE p.cust = o.cust);
