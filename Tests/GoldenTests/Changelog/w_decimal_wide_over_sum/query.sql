-- OVER ROWS SUM of DECIMAL(38, 10), a DECIMAL(20, 0) doubled and a wide decimal divided by 3. Computed by Flink 2.3.
CREATE TABLE t (id INT, g DECIMAL(20, 0), amt DECIMAL(38, 10), ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT id, g, SUM(amt) OVER (PARTITION BY g ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS s3, g * 2 AS g2, amt / 3 AS q FROM t;
