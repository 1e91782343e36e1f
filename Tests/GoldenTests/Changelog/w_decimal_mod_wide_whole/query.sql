-- MOD of a DECIMAL(20, 0) by an INT is an INT computed on the BIGINT cast (low 64 bits). Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, a DECIMAL(10, 2), b DECIMAL(38, 4), c DECIMAL(20, 0), e DECIMAL(38, 18), f DECIMAL(5, 5), n BIGINT, x DOUBLE);
SELECT id, MOD(c, 7) AS r FROM t;
