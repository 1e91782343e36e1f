CREATE TABLE orders (
  id INT,
  category STRING,
  product STRING,
  amount INT,
  price DOUBLE,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
);
WITH f AS (SELECT id, category, product, amount, price FROM orders WHERE price IS NOT NULL)
SELECT id, product, amount, 'cheap' AS band FROM f WHERE price < 20
UNION ALL
SELECT id, product, amount, 'dear' AS band FROM f WHERE price > 80 AND category <> 'games';
