CREATE TABLE products (id INT, name STRING, category STRING, price DECIMAL(10, 2), updated_at TIMESTAMP(3));
SELECT COUNT(*) AS n, MIN(price) AS lo, MAX(price) AS hi FROM products;
