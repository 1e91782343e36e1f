-- Correlated scalar subqueries (on the group key) in an aggregation's select list. Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, dur BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
CREATE TABLE orders (order_id INT, user_id INT, amount DECIMAL(10, 2), ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT c.user_id, COUNT(*) AS clicks, (SELECT COUNT(*) FROM orders o WHERE o.user_id = c.user_id) AS orders, (SELECT SUM(amount) FROM orders o WHERE o.user_id = c.user_id) AS spent FROM clicks c GROUP BY c.user_id;
