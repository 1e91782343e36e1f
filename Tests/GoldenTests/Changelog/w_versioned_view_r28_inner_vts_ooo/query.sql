-- Fuzz round 28: a temporal join on a versioned view (inner vts ooo). Computed by Flink 2.3.
CREATE TABLE rates (currency STRING, rate DECIMAL(10, 4), ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND);
CREATE TABLE orders (order_id INT, currency STRING, amount DECIMAL(10, 2), ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '0' SECOND);
CREATE VIEW vr AS SELECT currency, rate, ts FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY currency ORDER BY ts DESC) AS rn FROM rates) WHERE rn = 1;
SELECT o.order_id, o.ts, r.ts AS rts, r.rate FROM orders AS o JOIN vr FOR SYSTEM_TIME AS OF o.ts AS r ON o.currency = r.currency;
