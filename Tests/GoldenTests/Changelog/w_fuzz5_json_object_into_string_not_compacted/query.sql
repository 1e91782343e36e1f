CREATE TABLE t (id INT, b BIGINT, d DOUBLE, s STRING, dc DECIMAL(10, 2), f BOOLEAN);
SELECT id, b, d, s, dc, f FROM t;
