CREATE TABLE orders (id INT, u STRING, tags ARRAY<STRING>, items ARRAY<ROW<sku STRING, qty INT>>);
SELECT t, COUNT(*) AS n FROM orders CROSS JOIN UNNEST(tags) AS x(t) GROUP BY t;
