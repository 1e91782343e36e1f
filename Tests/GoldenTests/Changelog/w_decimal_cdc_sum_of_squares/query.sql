-- Debezium: SUM(price * price) retracted back to 0.0001 exactly. Computed by Flink 2.3.
CREATE TABLE products (id INT, name STRING, category STRING, price DECIMAL(10, 2), updated_at TIMESTAMP(3));
SELECT COALESCE(category, 'none') AS g, AVG(id) AS a0, MAX(name) AS a1, SUM(price * price) AS a2 FROM products GROUP BY COALESCE(category, 'none');
