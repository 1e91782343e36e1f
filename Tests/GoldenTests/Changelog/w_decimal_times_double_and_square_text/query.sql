-- DECIMAL times DOUBLE, a DECIMAL(10, 2) square as text, DECIMAL(5, 5) squared. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, a DECIMAL(10, 2), b DECIMAL(38, 4), c DECIMAL(20, 0), e DECIMAL(38, 18), f DECIMAL(5, 5), n BIGINT, x DOUBLE);
SELECT id, a * x AS e0, CAST(a * a AS STRING) AS e1, f * f AS e2 FROM t;
