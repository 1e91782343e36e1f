CREATE TABLE t (id INT, s STRING);
SELECT id, s LIKE '%$%' AS a, s LIKE '%\_%' ESCAPE '\' AS b, s SIMILAR TO '%[0-9]+%' AS c FROM t;
