-- input: orders.ndjson
-- Event-time temporal join: each order with its product's list price as it was when the order
-- was placed (list_prices is a versioned table: a PRIMARY KEY and a WATERMARK): the orders
-- charged more than the list price of their time. Written once both watermarks pass the order.
CREATE TABLE orders (id INT, product_id INT, sale_price DECIMAL(10, 2), quantity INT, created_at TIMESTAMP(3),
  WATERMARK FOR created_at AS created_at - INTERVAL '1' MINUTE)
  WITH ('connector' = 'filesystem', 'path' = 'samples/orders.ndjson', 'format' = 'json');
CREATE TABLE list_prices (product_id INT, list_price DECIMAL(10, 2), valid_from TIMESTAMP(3),
  PRIMARY KEY (product_id) NOT ENFORCED,
  WATERMARK FOR valid_from AS valid_from)
  WITH ('connector' = 'filesystem', 'path' = 'samples/list_prices.ndjson', 'format' = 'json');

SELECT o.id, o.product_id, o.created_at, p.list_price, o.sale_price, o.sale_price - p.list_price AS overcharge
FROM orders AS o
JOIN list_prices FOR SYSTEM_TIME AS OF o.created_at AS p ON o.product_id = p.product_id
WHERE o.sale_price > p.list_price;
