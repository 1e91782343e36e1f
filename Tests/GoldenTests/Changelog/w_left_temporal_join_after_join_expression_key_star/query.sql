-- A LEFT temporal join after a regular join, its key an expression of the second table's column (r.cur = UPPER(c.cur)), with SELECT *. Computed by Flink 2.3.
CREATE TABLE rates (cur STRING, rate DECIMAL(10, 2), ut TIMESTAMP(3), PRIMARY KEY (cur) NOT ENFORCED, WATERMARK FOR ut AS ut - INTERVAL '1' SECOND);
CREATE TABLE orders (oid INT, cur STRING, amount INT, ot TIMESTAMP(3), WATERMARK FOR ot AS ot);
CREATE TABLE customers (id INT, name STRING, cur STRING);
SELECT * FROM orders AS o JOIN customers AS c ON o.oid = c.id LEFT JOIN rates FOR SYSTEM_TIME AS OF o.ot AS r ON r.cur = UPPER(c.cur);
