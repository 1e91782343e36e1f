CREATE TABLE orders (oid INT, cust INT, amt DECIMAL(10, 2), ots TIMESTAMP(3), WATERMARK FOR ots AS ots - INTERVAL '0' SECOND);
CREATE TABLE ships (sid INT, oid INT, carrier STRING, sts TIMESTAMP(3), WATERMARK FOR sts AS sts - INTERVAL '0' SECOND);
SELECT o.oid, s.sid, s.carrier FROM orders o LEFT JOIN ships s ON o.oid = s.oid AND s.sts > o.ots + INTERVAL '1' SECOND;
