CREATE TABLE orders (
  id INT,
  category STRING,
  product STRING,
  amount INT,
  price DOUBLE,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
);
SELECT id, product, amount, ts,
  SUM(amount) OVER w AS run_sum, COUNT(*) OVER w AS n, MIN(price) OVER w AS cheapest
FROM orders
WINDOW w AS (PARTITION BY product ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW);
