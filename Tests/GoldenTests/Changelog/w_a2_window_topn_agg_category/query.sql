CREATE TABLE orders (
  id INT,
  category STRING,
  product STRING,
  amount INT,
  price DOUBLE,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
);
SELECT window_start, window_end, category, product, total, cnt, rn FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, category ORDER BY total DESC) AS rn
  FROM (SELECT window_start, window_end, category, product, SUM(amount) AS total, COUNT(*) AS cnt
        FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' SECOND))
        GROUP BY window_start, window_end, category, product))
WHERE rn <= 2;
