-- A versioned view keyed by two columns, joined on both. Computed by Flink 2.3.
CREATE TABLE rates (currency STRING, region STRING, rate DECIMAL(10, 4), ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND);
CREATE TABLE orders (order_id INT, currency STRING, region STRING, amount DECIMAL(10, 2), ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '3' SECOND);
CREATE VIEW versioned_rates AS SELECT currency, region, rate, ts FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY currency, region ORDER BY ts DESC) AS rn FROM rates) WHERE rn = 1;
SELECT o.order_id, r.currency, r.region, r.rate FROM orders AS o LEFT JOIN versioned_rates FOR SYSTEM_TIME AS OF o.ts AS r ON o.currency = r.currency AND o.region = r.region;
