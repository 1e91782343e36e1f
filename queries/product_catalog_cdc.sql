-- input: products.debezium.ndjson
-- Change data capture: per-category counts and price ranges kept in sync with a MySQL
-- products table through Debezium. Every insert, update and delete of the table changes the
-- result; each change is written with its kind.
CREATE TABLE products (
  id INT,
  name STRING,
  category STRING,
  price DECIMAL(10, 2),
  updated_at TIMESTAMP(3),
  PRIMARY KEY (id) NOT ENFORCED
) WITH ('format' = 'debezium-json');

SELECT category, COUNT(*) AS products, MIN(price) AS cheapest, MAX(price) AS dearest, AVG(price) AS average
FROM products
GROUP BY category;
