-- CASE over two decimals, DECIMAL(38, 18) divided by 3 and times 10. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, a DECIMAL(10, 2), b DECIMAL(38, 4), c DECIMAL(20, 0), e DECIMAL(38, 18), f DECIMAL(5, 5), n BIGINT, x DOUBLE);
SELECT id, CASE WHEN a > 0 THEN b ELSE e END AS e0, e / 3 AS e1, e * 10 AS e2 FROM t;
