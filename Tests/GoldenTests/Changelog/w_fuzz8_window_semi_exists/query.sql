CREATE TABLE orders (oid INT, cust INT, amt DECIMAL(10, 2), ots TIMESTAMP(3), WATERMARK FOR ots AS ots - INTERVAL '0' SECOND);
CREATE TABLE ships (sid INT, oid INT, carrier STRING, sts TIMESTAMP(3), WATERMARK FOR sts AS sts - INTERVAL '0' SECOND);
SELECT oid, window_start FROM (SELECT * FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ots), INTERVAL '5' SECOND))) L WHERE EXISTS (SELECT * FROM (SELECT * FROM TABLE(TUMBLE(TABLE ships, DESCRIPTOR(sts), INTERVAL '5' SECOND))) R WHERE L.window_start = R.window_start AND L.window_end = R.window_end AND L.oid = R.oid);
