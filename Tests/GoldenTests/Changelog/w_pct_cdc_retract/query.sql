-- PERCENTILE (Flink's PercentileAggFunction: exact, linear interpolation), computed by Flink 2.3.
CREATE TABLE products (id INT, category STRING, price DECIMAL(10, 2));
SELECT category, PERCENTILE(price, 0.5) AS med, PERCENTILE(price, 0.9) AS p90, COUNT(*) AS n FROM products GROUP BY category;
