-- SELECT * over a JOIN … USING then a temporal join. Computed by Flink 2.3.
CREATE TABLE rates (currency STRING, rate DECIMAL(10, 4), ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
CREATE TABLE cur (code STRING, name STRING, region STRING, factor INT);
CREATE TABLE reg (region STRING, zone STRING);
CREATE TABLE orders (order_id INT, currency STRING, region STRING, amount INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
CREATE VIEW vr AS SELECT currency, rate, ts FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY currency ORDER BY ts DESC) AS rn FROM rates) WHERE rn = 1;
SELECT * FROM orders AS o JOIN reg AS g USING (region) LEFT JOIN vr FOR SYSTEM_TIME AS OF o.ts AS r ON o.currency = r.currency;
