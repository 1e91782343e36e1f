CREATE TABLE prices (shop STRING, sku STRING, price INT, valid_from TIMESTAMP(3), PRIMARY KEY (shop, sku) NOT ENFORCED, WATERMARK FOR valid_from AS valid_from - INTERVAL '5' SECOND);
CREATE TABLE sales (id INT, shop STRING, sku STRING, qty INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND);
SELECT s.id, s.shop, s.sku, s.qty, p.price, s.qty * p.price AS total FROM sales AS s JOIN prices FOR SYSTEM_TIME AS OF s.ts AS p ON s.shop = p.shop AND p.sku = s.sku;
