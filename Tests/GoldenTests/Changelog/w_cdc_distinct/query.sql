CREATE TABLE products (id INT, name STRING, category STRING, price DECIMAL(10, 2), updated_at TIMESTAMP(3));
SELECT category, COUNT(DISTINCT name) AS names, MAX(updated_at) AS last_change, SUM(price) AS total FROM products WHERE price > 50 GROUP BY category;
