CREATE TABLE products (id INT, name STRING, cat STRING, price DECIMAL(10, 2), PRIMARY KEY (id) NOT ENFORCED);
SELECT cat, COUNT(*) FILTER (WHERE price > 11) AS pricey, SUM(price) FILTER (WHERE name <> 'B') AS s FROM products GROUP BY cat;
