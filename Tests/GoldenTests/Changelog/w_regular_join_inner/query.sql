-- A regular join (equal keys, no time bound) of two append-only tables: NULL keys match nothing (Flink 2.3).
CREATE TABLE orders (order_id INT, product_id INT, qty INT, ts TIMESTAMP(3));
CREATE TABLE products (id INT, name STRING, price DOUBLE);
SELECT o.order_id, p.name, o.qty * p.price AS amount
FROM orders AS o JOIN products AS p ON o.product_id = p.id
WHERE o.qty > 1;
