-- A view projecting a Debezium versioned table (its key and time renamed) joined as a versioned table. Computed by Flink 2.3.
CREATE TABLE rates (currency STRING, rate DECIMAL(10, 2), update_time TIMESTAMP(3), PRIMARY KEY (currency) NOT ENFORCED, WATERMARK FOR update_time AS update_time);
CREATE TABLE orders (order_id INT, currency STRING, amount INT, order_time TIMESTAMP(3), WATERMARK FOR order_time AS order_time);
CREATE VIEW rates_in_cents AS SELECT update_time AS changed, rate * 100 AS cents, currency FROM rates;
SELECT o.order_id, r.currency, r.cents, o.amount * r.cents AS converted, r.changed FROM orders AS o LEFT JOIN rates_in_cents FOR SYSTEM_TIME AS OF o.order_time AS r ON o.currency = r.currency;
