-- Two event-time temporal joins in one FROM, on Debezium versioned tables. Computed by Flink 2.3.
CREATE TABLE prates (currency STRING, rate DECIMAL(10, 4), ts TIMESTAMP(3), PRIMARY KEY (currency) NOT ENFORCED, WATERMARK FOR ts AS ts);
CREATE TABLE prates2 (currency STRING, rate DECIMAL(10, 4), ts TIMESTAMP(3), PRIMARY KEY (currency) NOT ENFORCED, WATERMARK FOR ts AS ts);
CREATE TABLE orders (order_id INT, currency STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT o.order_id, r.rate, r2.rate AS rate2 FROM orders AS o JOIN prates FOR SYSTEM_TIME AS OF o.ts AS r ON o.currency = r.currency LEFT JOIN prates2 FOR SYSTEM_TIME AS OF o.ts AS r2 ON o.currency = r2.currency;
