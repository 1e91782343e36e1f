CREATE TABLE orders (id INT, u STRING, tags ARRAY<STRING>, items ARRAY<ROW<sku STRING, qty INT>>);
SELECT sku, SUM(qty) AS q FROM orders CROSS JOIN UNNEST(items) AS x(sku, qty) GROUP BY sku HAVING SUM(qty) > 2;
