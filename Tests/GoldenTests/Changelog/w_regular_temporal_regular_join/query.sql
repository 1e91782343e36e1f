-- A regular join, a temporal join, then another regular join. Computed by Flink 2.3.
CREATE TABLE rates (currency STRING, rate DECIMAL(10, 4), ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
CREATE TABLE rates2 (currency STRING, rate DECIMAL(10, 4), ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
CREATE TABLE orders (order_id INT, currency STRING, amount INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
CREATE TABLE cur (code STRING, name STRING, region STRING);
CREATE VIEW vr AS SELECT currency, rate, ts FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY currency ORDER BY ts DESC) AS rn FROM rates) WHERE rn = 1;
CREATE VIEW vr2 AS SELECT currency, rate, ts FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY currency ORDER BY ts DESC) AS rn FROM rates2) WHERE rn = 1;
SELECT o.order_id, c.name, r.rate, c2.region FROM orders AS o JOIN cur AS c ON c.code = o.currency JOIN vr FOR SYSTEM_TIME AS OF o.ts AS r ON o.currency = r.currency JOIN cur AS c2 ON c2.code = r.currency;
