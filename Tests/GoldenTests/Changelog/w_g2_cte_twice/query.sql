CREATE TABLE orders (
  id INT,
  category STRING,
  product STRING,
  amount INT,
  price DOUBLE,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
);
WITH f AS (SELECT id, category, product, amount FROM orders WHERE amount IS NOT NULL AND amount >= 10)
SELECT 'cat' AS kind, category AS name, COUNT(*) AS n, SUM(amount) AS total FROM f GROUP BY category
UNION ALL
SELECT 'prod' AS kind, product AS name, COUNT(*) AS n, SUM(amount) AS total FROM f GROUP BY product;
