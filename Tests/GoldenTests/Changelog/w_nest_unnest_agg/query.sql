CREATE TABLE orders (order_id INT, `user` ROW<id INT, tier STRING, geo ROW<city STRING, zip STRING>>, cart ARRAY<ROW<sku STRING, qty INT, price DECIMAL(10, 2)>>,
  tags ARRAY<STRING>, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT sku, SUM(qty) AS units, SUM(qty * price) AS revenue, COUNT(*) AS lines FROM (SELECT c.sku, c.qty, c.price FROM orders CROSS JOIN UNNEST(cart) AS c(sku, qty, price)) GROUP BY sku;
