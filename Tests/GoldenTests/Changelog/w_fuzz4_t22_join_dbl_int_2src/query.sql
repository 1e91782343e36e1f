CREATE TABLE t (p DOUBLE);
CREATE TABLE u (i INT);
SELECT t.p, u.i FROM t JOIN u ON t.p = u.i;
