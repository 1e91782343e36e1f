-- Fuzz round 28: a temporal join on a versioned view (dbz expr inner plain). Computed by Flink 2.3.
CREATE TABLE products (id INT, name STRING, category STRING, price DECIMAL(10, 2), updated_at TIMESTAMP(3), PRIMARY KEY (id) NOT ENFORCED, WATERMARK FOR updated_at AS updated_at);
CREATE TABLE orders (order_id BIGINT, product_id INT, quantity INT, created_at TIMESTAMP(3), WATERMARK FOR created_at AS created_at - INTERVAL '0' SECOND);
CREATE VIEW pv AS SELECT id, UPPER(name) AS name, price * 2 AS price, updated_at FROM products;
SELECT o.order_id, p.name, p.price FROM orders AS o JOIN pv FOR SYSTEM_TIME AS OF o.created_at AS p ON o.product_id = p.id;
