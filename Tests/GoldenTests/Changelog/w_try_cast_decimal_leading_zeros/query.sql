-- CAST of text to DECIMAL(p <= 18) counts every digit written toward the precision, leading zeros too (Flink's toDecimalFromBytes). Computed by Flink 2.3.
CREATE TABLE t (id INT, n STRING);
SELECT id, n, TRY_CAST(n AS DECIMAL(3, 1)) AS r FROM t;
