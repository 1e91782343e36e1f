-- SELECT * with a scalar subquery in WHERE: the subquery's value is not one of the columns. Computed by Flink 2.3.
CREATE TABLE orders (order_id INT, user_id INT, amount DECIMAL(10, 2), ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT * FROM orders WHERE amount > (SELECT AVG(amount) FROM orders);
