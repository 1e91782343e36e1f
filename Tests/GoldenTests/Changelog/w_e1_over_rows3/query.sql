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
  SUM(amount) OVER w AS s, MIN(amount) OVER w AS mn, AVG(amount) OVER w AS av,
  AVG(CAST(amount AS DOUBLE)) OVER w AS avd, COUNT(amount) OVER w AS cn
FROM orders
WINDOW w AS (PARTITION BY category ORDER BY ts ROWS BETWEEN 3 PRECEDING AND CURRENT ROW);
