-- Top-2 per DECIMAL(20, 0) key ordered by a DECIMAL(38, 10) past 64 bits. Computed by Flink 2.3.
CREATE TABLE t (id INT, g DECIMAL(20, 0), amt DECIMAL(38, 10), ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT id, g, amt FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY g ORDER BY amt DESC, id) AS rn FROM t) WHERE rn <= 2;
