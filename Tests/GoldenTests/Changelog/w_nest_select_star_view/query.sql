CREATE TABLE orders (order_id INT, `user` ROW<id INT, tier STRING, geo ROW<city STRING, zip STRING>>, cart ARRAY<ROW<sku STRING, qty INT, price DECIMAL(10, 2)>>,
  tags ARRAY<STRING>, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
WITH v AS (SELECT * FROM orders WHERE order_id <> 2)
SELECT v.order_id, v.`user`.tier AS tier, v.`user`.geo.city AS city, c.sku FROM v CROSS JOIN UNNEST(v.cart) AS c(sku, qty, price);
