CREATE TABLE t (p DECIMAL(10, 2));
CREATE TABLE u (i INT);
SELECT t.p, u.i FROM t JOIN u ON t.p = u.i;
