-- The variance family over inserts, deletes and updates of DOUBLE values, group by group. Computed by Flink 2.3.
CREATE TABLE products (id INT, category STRING, price DOUBLE);
SELECT category, VAR_POP(price) AS vp, VAR_SAMP(price) AS vs, STDDEV_POP(price) AS sp, STDDEV_SAMP(price) AS ss, COUNT(price) AS c FROM products GROUP BY category;
