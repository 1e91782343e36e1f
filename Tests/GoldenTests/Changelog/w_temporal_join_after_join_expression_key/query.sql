-- A temporal join after a regular join, its key an expression of the first table's column (UPPER(o.cur) = r.cur). Computed by Flink 2.3.
CREATE TABLE rates (cur STRING, rate DECIMAL(10, 2), ut TIMESTAMP(3), PRIMARY KEY (cur) NOT ENFORCED, WATERMARK FOR ut AS ut - INTERVAL '1' SECOND);
CREATE TABLE orders (oid INT, cur STRING, amount INT, ot TIMESTAMP(3), WATERMARK FOR ot AS ot);
CREATE TABLE customers (id INT, name STRING, cur STRING);
SELECT o.oid, c.name, r.rate, r.ut FROM orders AS o JOIN customers AS c ON o.oid = c.id JOIN rates FOR SYSTEM_TIME AS OF o.ot AS r ON UPPER(o.cur) = r.cur;
