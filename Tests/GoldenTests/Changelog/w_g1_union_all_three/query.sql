CREATE TABLE orders (
  id INT,
  category STRING,
  product STRING,
  amount INT,
  price DOUBLE,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
);
SELECT id, category, amount, 'big' AS tag FROM orders WHERE amount > 50
UNION ALL
SELECT id, category, amount, 'books' AS tag FROM orders WHERE category = 'books' AND price < 30
UNION ALL
SELECT id, product AS category, CAST(NULL AS INT) AS amount, 'noamount' AS tag FROM orders WHERE amount IS NULL;
