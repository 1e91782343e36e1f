-- Fuzz round 28: a temporal join on a versioned view (dbz rename agg plain). Computed by Flink 2.3.
CREATE TABLE products (id INT, name STRING, category STRING, price DECIMAL(10, 2), updated_at TIMESTAMP(3), PRIMARY KEY (id) NOT ENFORCED, WATERMARK FOR updated_at AS updated_at);
CREATE TABLE orders (order_id BIGINT, product_id INT, quantity INT, created_at TIMESTAMP(3), WATERMARK FOR created_at AS created_at - INTERVAL '0' SECOND);
CREATE VIEW pv AS SELECT id AS pid, name AS pname, price, updated_at AS uat FROM products;
SELECT o.product_id, COUNT(*) AS n, SUM(o.quantity * p.price) AS rev FROM orders AS o JOIN pv FOR SYSTEM_TIME AS OF o.created_at AS p ON o.product_id = p.pid GROUP BY o.product_id;
