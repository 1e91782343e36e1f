CREATE TABLE products (id INT, name STRING, category STRING, price DECIMAL(10, 2), updated_at TIMESTAMP(3));
SELECT category, name, price FROM (SELECT category, name, price, ROW_NUMBER() OVER (PARTITION BY category ORDER BY price DESC) AS rn FROM products) WHERE rn <= 2;
