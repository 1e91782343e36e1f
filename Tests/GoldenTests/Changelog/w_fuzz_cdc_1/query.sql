-- A variation of a shared case (ties, NULLs, late rows), computed by Flink 2.3 in differential testing.
CREATE TABLE products (
  id INT,
  name STRING,
  category STRING,
  price DECIMAL(10, 2),
  updated_at TIMESTAMP(3)
);

SELECT category, MIN(price) AS lo, MAX(price) AS hi, COUNT(*) AS n, COUNT(price) AS np, SUM(price) AS s, AVG(price) AS a
FROM products GROUP BY category;
