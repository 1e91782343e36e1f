CREATE TABLE orders (id INT, u STRING, tags ARRAY<STRING>, items ARRAY<ROW<sku STRING, qty INT>>);
SELECT COUNT(*) AS n, COUNT(DISTINCT t) AS d, MAX(t) AS m FROM orders, UNNEST(tags) AS x(t);
