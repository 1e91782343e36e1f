-- VAR_POP, STDDEV_POP, VAR_SAMP over Debezium changes retracted to one value: Flink's Welford step backwards rounds to 0, a tiny positive (STDDEV 2e-06) or a tiny negative, which is NULL. Computed by Flink 2.3.
CREATE TABLE products (id INT, category STRING, price DECIMAL(10, 2));
SELECT category, VAR_POP(price) AS vp, VAR_POP(CAST(price AS DOUBLE)) AS vpd, STDDEV_POP(price) AS sp, VAR_SAMP(price) AS vs, SUM(price * price) - SUM(price) * SUM(price) / COUNT(price) AS diff FROM products GROUP BY category;
