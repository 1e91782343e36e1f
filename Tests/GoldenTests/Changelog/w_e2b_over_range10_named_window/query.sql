CREATE TABLE orders (
  id INT,
  category STRING,
  product STRING,
  amount INT,
  price DOUBLE,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
);
SELECT id, category, product, amount, ts,
  COUNT(DISTINCT product) OVER w AS nprod, MAX(amount) OVER w AS mx, SUM(amount) OVER w AS s
FROM orders
WINDOW w AS (PARTITION BY category ORDER BY ts RANGE BETWEEN INTERVAL '10' SECOND PRECEDING AND CURRENT ROW);
