CREATE TABLE o (id INT, cust ROW<name STRING, addr ROW<city STRING, zip INT>>, cart ARRAY<ROW<sku STRING, qty INT>>, tags ARRAY<STRING>, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
CREATE TABLE c (name STRING, tier INT, since DATE);
SELECT o.id, o.cust.name AS nm, o.cust.addr.city AS city, c.tier FROM o JOIN c ON o.cust.name = c.name;
