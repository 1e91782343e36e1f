CREATE TABLE orders (id INT, u STRING, tags ARRAY<STRING>, items ARRAY<ROW<sku STRING, qty INT>>);
SELECT o.u, x.sku, SUM(x.qty) AS q, COUNT(*) AS c FROM orders AS o CROSS JOIN UNNEST(o.items) AS x(sku, qty) WHERE x.qty IS NOT NULL AND o.id < 5 GROUP BY o.u, x.sku;
