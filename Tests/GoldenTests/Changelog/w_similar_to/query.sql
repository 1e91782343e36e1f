CREATE TABLE t (id INT, s STRING, tags ARRAY<STRING>, carts ARRAY<ROW<sku STRING, n INT>>);
SELECT id, s SIMILAR TO 'a_c' AS p1, s SIMILAR TO 'a%' AS p2, s NOT SIMILAR TO '(abc)+' AS p3, s SIMILAR TO 'a(b|X)c' AS p4,
 s SIMILAR TO 'a.c' AS p5, s SIMILAR TO 'a[bX]c' AS p6, s SIMILAR TO 'a\%c' ESCAPE '\' AS p7, s SIMILAR TO '%c' AS p8 FROM t;
