CREATE TABLE o (id INT, cust ROW<name STRING, addr ROW<city STRING, zip INT>>, cart ARRAY<ROW<sku STRING, qty INT>>, tags ARRAY<STRING>, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT id, city FROM (SELECT id, cust.addr.city AS city, ROW_NUMBER() OVER (PARTITION BY cust.addr.city ORDER BY ts ASC) AS rn FROM o) WHERE rn = 1;
