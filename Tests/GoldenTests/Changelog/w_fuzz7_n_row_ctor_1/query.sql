CREATE TABLE o (id INT, cust ROW<name STRING, addr ROW<city STRING, zip INT>, tier INT>, cart ARRAY<ROW<sku STRING, qty INT, price DECIMAL(10, 2)>>, grid ARRAY<ARRAY<INT>>, idx MAP<STRING, ARRAY<INT>>, tags ARRAY<STRING>);
SELECT id, CAST(ROW(id, cust.name) AS STRING) AS r, CAST(ROW(cust.addr, tags) AS STRING) AS r2 FROM o;
