-- A versioned view over filtered rows, its key and time renamed. Computed by Flink 2.3.
CREATE TABLE rates (currency STRING, rate DECIMAL(10, 4), ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND);
CREATE TABLE orders (order_id INT, currency STRING, amount DECIMAL(10, 2), ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '3' SECOND);
CREATE VIEW latest_rates AS SELECT currency AS cur, rate AS r, ts AS rate_time FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY currency ORDER BY ts DESC) AS rn FROM rates WHERE rate IS NOT NULL AND rate > 1) WHERE rn = 1;
SELECT o.order_id, lr.cur, lr.r, lr.rate_time FROM orders AS o JOIN latest_rates FOR SYSTEM_TIME AS OF o.ts AS lr ON o.currency = lr.cur WHERE o.amount > 2;
