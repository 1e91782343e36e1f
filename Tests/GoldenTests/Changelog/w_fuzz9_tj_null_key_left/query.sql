CREATE TABLE rates (currency STRING, rate DECIMAL(10, 2), update_time TIMESTAMP(3), PRIMARY KEY (currency) NOT ENFORCED, WATERMARK FOR update_time AS update_time);
CREATE TABLE orders (order_id INT, currency STRING, amount INT, order_time TIMESTAMP(3), WATERMARK FOR order_time AS order_time);
SELECT o.order_id, r.rate FROM orders AS o LEFT JOIN rates FOR SYSTEM_TIME AS OF o.order_time AS r ON o.currency = r.currency;
