-- A variant of the shared changelog case v_seed_daily_rollup on hundreds to two thousand generated rows: late and tied timestamps, NULL and empty keys, repeated keys. Computed by Flink 2.3.
CREATE TABLE orders (
  order_id BIGINT,
  product_id INT,
  sale_price DECIMAL(10, 2),
  quantity INT,
  created_at TIMESTAMP(3)
);
SELECT product_id, SUM(sale_price * quantity) AS total_sales_amount, SUM(quantity) AS total_sales_count FROM orders WHERE created_at >= TIMESTAMP '2024-04-25 10:00:00' AND created_at < TIMESTAMP '2024-04-25 10:20:00' GROUP BY product_id;
