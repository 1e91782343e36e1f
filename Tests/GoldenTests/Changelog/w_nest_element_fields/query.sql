CREATE TABLE orders (order_id INT, `user` ROW<id INT, tier STRING, geo ROW<city STRING, zip STRING>>, cart ARRAY<ROW<sku STRING, qty INT, price DECIMAL(10, 2)>>,
  tags ARRAY<STRING>, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT order_id, CARDINALITY(cart) AS n, cart[1].sku AS first_sku, cart[2].price AS second_price, cart[3].qty AS third_qty, cart[1].qty + 1 AS q1, `user`.geo.zip AS zip FROM orders;
