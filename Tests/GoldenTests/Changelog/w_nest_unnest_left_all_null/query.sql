CREATE TABLE orders (order_id INT, `user` ROW<id INT, tier STRING, geo ROW<city STRING, zip STRING>>, cart ARRAY<ROW<sku STRING, qty INT, price DECIMAL(10, 2)>>,
  tags ARRAY<STRING>, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT order_id, s FROM orders LEFT JOIN UNNEST(cart) AS c(s, q, p) ON TRUE;
