CREATE TABLE t (id INT, e DECIMAL(20, 2), r DECIMAL(5, 4));
SELECT id, e * e AS a, e * r AS b FROM t;
