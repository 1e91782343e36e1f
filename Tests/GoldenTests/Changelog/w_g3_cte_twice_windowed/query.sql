CREATE TABLE orders (
  id INT,
  category STRING,
  product STRING,
  amount INT,
  price DOUBLE,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
);
WITH w AS (
  SELECT window_start, window_end, category, SUM(amount) AS total, COUNT(*) AS n
  FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' SECOND))
  GROUP BY window_start, window_end, category)
SELECT window_start, category, total, 'high' AS band FROM w WHERE total >= 200
UNION ALL
SELECT window_start, category, total, 'low' AS band FROM w WHERE total < 100;
