-- The nightly roll-up, read from the shop's database and written back into it.
-- Build the sample database first: scripts/make-sample-db (samples/shop.db, SQLite).
-- The same file runs against PostgreSQL with 'url' = 'jdbc:postgresql://host:5432/shop' (and
-- 'username', 'password'), or on Flink with its JDBC connector.
-- input: orders.ndjson
CREATE TABLE orders (
  id BIGINT,
  product_id BIGINT,
  sale_price DECIMAL(10, 2),
  quantity INT,
  created_at TIMESTAMP(3)
) WITH (
  'connector' = 'jdbc',
  'url' = 'jdbc:sqlite:samples/shop.db',
  'table-name' = 'orders',
  -- Four range queries over the key, read at once; the date filter goes to the database.
  'scan.partition.column' = 'id',
  'scan.partition.num' = '4',
  'scan.partition.lower-bound' = '1',
  'scan.partition.upper-bound' = '600'
);

CREATE TABLE daily_product_sales (
  product_id BIGINT,
  total_sales_amount DECIMAL(12, 2),
  total_sales_count INT,
  target_date STRING,
  PRIMARY KEY (product_id, target_date) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = 'jdbc:sqlite:samples/shop.db',
  'table-name' = 'daily_product_sales'
);

INSERT INTO daily_product_sales (product_id, total_sales_amount, total_sales_count, target_date)
SELECT product_id, SUM(sale_price * quantity), SUM(quantity), '2024-05-20'
FROM orders WHERE created_at >= '2024-05-20 00:00:00' AND created_at < '2024-05-21 00:00:00'
GROUP BY product_id;
