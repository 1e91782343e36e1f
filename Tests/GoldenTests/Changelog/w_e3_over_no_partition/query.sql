CREATE TABLE orders (
  id INT,
  category STRING,
  product STRING,
  amount INT,
  price DOUBLE,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
);
SELECT id, amount, ts,
  SUM(amount) OVER w AS s, COUNT(*) OVER w AS c, MAX(price) OVER w AS mp
FROM orders
WINDOW w AS (ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW);
