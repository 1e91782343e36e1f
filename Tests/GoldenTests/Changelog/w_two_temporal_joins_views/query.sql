-- Two event-time temporal joins in one FROM, on versioned views. Computed by Flink 2.3.
CREATE TABLE rates (currency STRING, rate DECIMAL(10, 4), ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
CREATE TABLE rates2 (currency STRING, rate DECIMAL(10, 4), ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
CREATE TABLE orders (order_id INT, currency STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
CREATE VIEW vr AS SELECT currency, rate, ts FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY currency ORDER BY ts DESC) AS rn FROM rates) WHERE rn = 1;
CREATE VIEW vr2 AS SELECT currency, rate, ts FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY currency ORDER BY ts DESC) AS rn FROM rates2) WHERE rn = 1;
SELECT o.order_id, r.rate, r2.rate AS rate2 FROM orders AS o JOIN vr FOR SYSTEM_TIME AS OF o.ts AS r ON o.currency = r.currency JOIN vr2 FOR SYSTEM_TIME AS OF o.ts AS r2 ON o.currency = r2.currency;
