CREATE TABLE o (id INT, cust ROW<name STRING, addr ROW<city STRING, zip INT>>, cart ARRAY<ROW<sku STRING, qty INT>>, tags ARRAY<STRING>, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT id, nm, city FROM (SELECT id, cust.name AS nm, cust.addr.city AS city, ROW_NUMBER() OVER (PARTITION BY cust.name ORDER BY ts ASC) AS rn FROM o) WHERE rn = 1;
