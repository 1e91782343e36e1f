CREATE TABLE orders (order_id INT, `user` ROW<id INT, tier STRING, geo ROW<city STRING, zip STRING>>, cart ARRAY<ROW<sku STRING, qty INT, price DECIMAL(10, 2)>>,
  tags ARRAY<STRING>, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
WITH lines AS (SELECT o.ts, c.sku, c.qty FROM orders AS o CROSS JOIN UNNEST(o.cart) AS c(sku, qty, price))
SELECT window_start, window_end, sku, SUM(qty) AS units FROM TABLE(TUMBLE(TABLE lines, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end, sku;
