-- A variation of a shared case (ties, NULLs, late rows), computed by Flink 2.3 in differential testing.
CREATE TABLE products (
  id INT,
  name STRING,
  category STRING,
  price DECIMAL(10, 2),
  updated_at TIMESTAMP(3)
);

SELECT id, category, price * 10 AS p10, CHAR_LENGTH(name) AS nlen FROM products WHERE price IS NULL OR price < 50;
