CREATE TABLE t (id INT, s STRING);
SELECT id, s LIKE 'Tab%next' AS a, s LIKE '%here_\r%' AS b, s SIMILAR TO 'Tab%' AS c FROM t;
