-- SELECT * over a join names columns by their own names, a name taken again getting suffix 0, 1, … as Calcite does (Flink 2.3).
CREATE TABLE orders (order_id INT, product_id INT, qty INT, ts TIMESTAMP(3));
CREATE TABLE products (id INT, name STRING, price DOUBLE, qty INT);
SELECT *, o.qty, p.qty, o.order_id AS qty FROM orders AS o JOIN products AS p ON o.product_id = p.id WHERE o.order_id < 40;
