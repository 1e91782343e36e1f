-- SUM and MAX of DECIMAL(38, 4) values up to 34 integer digits. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, a DECIMAL(10, 2), b DECIMAL(38, 4), c DECIMAL(20, 0), e DECIMAL(38, 18), f DECIMAL(5, 5), n BIGINT, x DOUBLE);
SELECT SUM(b * 2) AS a0, SUM(b) AS a1, MAX(b) AS a2 FROM t;
