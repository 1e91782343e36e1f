CREATE TABLE orders (
  id INT,
  category STRING,
  product STRING,
  amount INT,
  price DOUBLE,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
);
WITH v AS (SELECT id, category, product, amount * 2 AS dbl, ts FROM orders WHERE price > 20)
SELECT id, product, dbl, ts FROM v WHERE category <> 'music' AND dbl > 40;
