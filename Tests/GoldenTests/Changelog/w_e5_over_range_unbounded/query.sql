CREATE TABLE orders (
  id INT,
  category STRING,
  product STRING,
  amount INT,
  price DOUBLE,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
);
SELECT id, category, amount, ts,
  SUM(amount) OVER w AS run_sum, COUNT(*) OVER w AS n, AVG(price) OVER w AS ap
FROM orders
WINDOW w AS (PARTITION BY category ORDER BY ts RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW);
