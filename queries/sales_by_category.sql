-- input: products.debezium.ndjson
-- A regular join of a stream with a change-data-capture table: each order joined with its
-- product as the products table stands, then summed by category. An update of a product
-- retracts its joined rows and adds them again with the new category, so the sums follow it.
CREATE TABLE products (
  id INT,
  name STRING,
  category STRING,
  price DECIMAL(10, 2),
  updated_at TIMESTAMP(3),
  PRIMARY KEY (id) NOT ENFORCED
) WITH ('format' = 'debezium-json');
CREATE TABLE orders (id INT, product_id INT, sale_price DOUBLE, quantity INT, created_at TIMESTAMP(3))
  WITH ('connector' = 'filesystem', 'path' = 'samples/orders.ndjson', 'format' = 'json');
SELECT p.category, COUNT(*) AS orders, SUM(o.quantity) AS units
FROM orders AS o JOIN products AS p ON o.product_id = p.id
WHERE o.id <= 40
GROUP BY p.category;
