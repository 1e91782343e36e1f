CREATE TABLE orders (
  id INT,
  category STRING,
  product STRING,
  amount INT,
  price DOUBLE,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
);
SELECT category, product, id, amount, ts FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY category, product ORDER BY ts ASC) AS rn FROM orders)
WHERE rn = 1;
