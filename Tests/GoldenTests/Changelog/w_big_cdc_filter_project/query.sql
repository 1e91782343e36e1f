-- A variant of the shared changelog case v_cdc_filter_project on hundreds to two thousand generated rows: late and tied timestamps, NULL and empty keys, repeated keys. Computed by Flink 2.3.
CREATE TABLE products (
  id INT,
  name STRING,
  category STRING,
  price DECIMAL(10, 2),
  updated_at TIMESTAMP(3)
);
SELECT id, UPPER(name) AS name, price * 2 AS double_price FROM products WHERE price > 80;
