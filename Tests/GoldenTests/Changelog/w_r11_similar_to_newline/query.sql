CREATE TABLE t (id INT, s STRING);
SELECT id, s SIMILAR TO '%[0-9]+%' AS a, s LIKE '%2%' AS b, s LIKE 'line1_line2' AS c FROM t;
