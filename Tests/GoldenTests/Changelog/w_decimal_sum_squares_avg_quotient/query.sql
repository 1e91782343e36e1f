-- SUM of DECIMAL(38, 18) squares and SUM(DECIMAL(10, 2)) / COUNT(*). Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, a DECIMAL(10, 2), b DECIMAL(38, 4), c DECIMAL(20, 0), e DECIMAL(38, 18), f DECIMAL(5, 5), n BIGINT, x DOUBLE);
SELECT k, AVG(n) AS a0, SUM(e * e) AS a1, SUM(a) / COUNT(*) AS a2 FROM t GROUP BY k;
