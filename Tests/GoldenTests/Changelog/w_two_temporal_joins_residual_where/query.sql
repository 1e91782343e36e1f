-- Two temporal joins, the second LEFT with a residual condition, and a WHERE. Computed by Flink 2.3.
CREATE TABLE rates (currency STRING, rate DECIMAL(10, 4), ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
CREATE TABLE rates2 (currency STRING, rate DECIMAL(10, 4), ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
CREATE TABLE orders (order_id INT, currency STRING, amount INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
CREATE TABLE cur (code STRING, name STRING, region STRING);
CREATE VIEW vr AS SELECT currency, rate, ts FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY currency ORDER BY ts DESC) AS rn FROM rates) WHERE rn = 1;
CREATE VIEW vr2 AS SELECT currency, rate, ts FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY currency ORDER BY ts DESC) AS rn FROM rates2) WHERE rn = 1;
SELECT o.order_id, r.rate, r2.rate AS rate2, r2.rate - r.rate AS spread FROM orders AS o JOIN vr FOR SYSTEM_TIME AS OF o.ts AS r ON o.currency = r.currency LEFT JOIN vr2 FOR SYSTEM_TIME AS OF o.ts AS r2 ON o.currency = r2.currency AND r2.rate > 2 WHERE o.amount > 15;
