-- LAG with a default over a bigint column: a lagged NULL comes out as the type's primitive default (-1, -1.0, false, ''), as Flink's generated code writes it. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, i INT, b BIGINT, d DOUBLE, m DECIMAL(10, 2), s STRING, f BOOLEAN, ts TIMESTAMP(3), t TIMESTAMP(3), dt DATE, WATERMARK FOR ts AS ts);
SELECT id, k, LAG(b, 1, CAST(7 AS BIGINT)) OVER (PARTITION BY k ORDER BY ts) AS l FROM t;
