-- A versioned view partitioned by an expression it also selects. Computed by Flink 2.3.
CREATE TABLE rates (currency STRING, rate DECIMAL(10, 4), ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
CREATE TABLE orders (order_id INT, currency STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
CREATE VIEW vr AS SELECT cur AS currency, rate, ts FROM (SELECT UPPER(currency) AS cur, rate, ts, ROW_NUMBER() OVER (PARTITION BY UPPER(currency) ORDER BY ts DESC) AS rn FROM rates) WHERE rn = 1;
SELECT o.order_id, r.rate FROM orders AS o JOIN vr FOR SYSTEM_TIME AS OF o.ts AS r ON o.currency = r.currency;
