-- A regular join, then an event-time temporal join on a versioned view. Computed by Flink 2.3.
CREATE TABLE rates (currency STRING, rate DECIMAL(10, 4), ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
CREATE TABLE orders (order_id INT, currency STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
CREATE TABLE cur (code STRING, name STRING);
CREATE VIEW vr AS SELECT currency, rate, ts FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY currency ORDER BY ts DESC) AS rn FROM rates) WHERE rn = 1;
SELECT o.order_id, r.rate, c.name FROM orders AS o JOIN cur AS c ON c.code = o.currency JOIN vr FOR SYSTEM_TIME AS OF o.ts AS r ON o.currency = r.currency;
