CREATE TABLE t (id INT, s STRING, ns STRING);
SELECT id, TRANSLATE(s, ns, 'q') AS a, TRANSLATE(s, 'l', ns) AS b FROM t;
