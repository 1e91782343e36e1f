CREATE TABLE products (id INT, name STRING, category STRING, price DECIMAL(10, 2), updated_at TIMESTAMP(3));
SELECT n, COUNT(*) AS categories FROM (SELECT category, COUNT(*) AS n FROM products GROUP BY category) GROUP BY n;
