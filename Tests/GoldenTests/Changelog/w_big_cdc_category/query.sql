-- A variant of the shared changelog case v_cdc_category on hundreds to two thousand generated rows: late and tied timestamps, NULL and empty keys, repeated keys. Computed by Flink 2.3.
CREATE TABLE products (
  id INT,
  name STRING,
  category STRING,
  price DECIMAL(10, 2),
  updated_at TIMESTAMP(3)
);
SELECT category, COUNT(*) AS n, SUM(price) AS total FROM products GROUP BY category;
