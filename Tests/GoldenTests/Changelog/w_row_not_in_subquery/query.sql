-- A row NOT IN a subquery. Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
CREATE TABLE orders (order_id INT, user_id INT, amount INT);
SELECT user_id, page FROM clicks WHERE (user_id, page) NOT IN (SELECT user_id, '/a' FROM orders WHERE user_id IS NOT NULL);
