-- an updating aggregate grouped by a DECIMAL(20, 0) key past 64 bits: SUM, COUNT(DISTINCT), MAX of DECIMAL(38, 10). Computed by Flink 2.3.
CREATE TABLE t (id INT, g DECIMAL(20, 0), amt DECIMAL(38, 10), ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT g, SUM(amt) AS s, COUNT(DISTINCT amt) AS da, MAX(amt) AS mx FROM t GROUP BY g;
