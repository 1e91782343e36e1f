CREATE TABLE o (id INT, cust ROW<name STRING, addr ROW<city STRING, zip INT>>, cart ARRAY<ROW<sku STRING, qty INT>>, tags ARRAY<STRING>, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
CREATE TABLE c (name STRING, tier INT, since DATE);
SELECT q.id, q.u.name AS nm, c.tier FROM (SELECT id, cust AS u FROM o) AS q JOIN c ON q.u.name = c.name WHERE c.tier IS NOT NULL;
