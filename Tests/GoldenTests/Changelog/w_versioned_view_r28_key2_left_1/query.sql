-- Fuzz round 28: a temporal join on a versioned view (key2 left 1). Computed by Flink 2.3.
CREATE TABLE rates (region STRING, currency STRING, rate DECIMAL(10, 4), ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
CREATE TABLE orders (order_id INT, region STRING, currency STRING, amount DECIMAL(10, 2), ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
CREATE VIEW vr AS SELECT region, currency, rate, ts FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY region, currency ORDER BY ts DESC) AS rn FROM rates) WHERE rn = 1;
SELECT o.order_id, o.region, r.rate FROM orders AS o LEFT JOIN vr FOR SYSTEM_TIME AS OF o.ts AS r ON o.currency = r.currency AND o.region = r.region;
