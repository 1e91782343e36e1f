-- an event-time temporal join ON UPPER(o.cur) = r.cur: the left's key an expression, computed as a column first. Computed by Flink 2.3.
CREATE TABLE rates (cur STRING, rate DECIMAL(10, 2), ut TIMESTAMP(3), PRIMARY KEY (cur) NOT ENFORCED, WATERMARK FOR ut AS ut - INTERVAL '1' SECOND);
CREATE TABLE orders (oid INT, cur STRING, amount INT, ot TIMESTAMP(3), WATERMARK FOR ot AS ot);
SELECT o.oid, r.ut, o.ot FROM orders AS o JOIN rates FOR SYSTEM_TIME AS OF o.ot AS r ON UPPER(o.cur) = r.cur;
