-- A global aggregation beside a scalar subquery on another table. Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, dur BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
CREATE TABLE orders (order_id INT, user_id INT, amount DECIMAL(10, 2), ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT COUNT(*) AS n, (SELECT COUNT(*) FROM orders) AS orders FROM clicks;
