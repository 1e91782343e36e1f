CREATE TABLE orders (order_id INT, `user` ROW<id INT, tier STRING, geo ROW<city STRING, zip STRING>>, cart ARRAY<ROW<sku STRING, qty INT, price DECIMAL(10, 2)>>,
  tags ARRAY<STRING>, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT order_id, sku, qty, `user`.tier AS tier, `user`.geo.city AS city FROM orders CROSS JOIN UNNEST(cart) AS t WHERE qty IS NOT NULL;
