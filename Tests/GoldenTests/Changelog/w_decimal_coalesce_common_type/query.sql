-- COALESCE of DECIMAL(38, 4), DECIMAL(38, 18) and DECIMAL(20, 0) is DECIMAL(38, 4): fraction digits give way. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, a DECIMAL(10, 2), b DECIMAL(38, 4), c DECIMAL(20, 0), e DECIMAL(38, 18), f DECIMAL(5, 5), n BIGINT, x DOUBLE);
SELECT id, COALESCE(b, e, c) AS r FROM t;
