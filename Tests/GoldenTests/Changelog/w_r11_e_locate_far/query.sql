CREATE TABLE t (id INT, s STRING, n INT, b BIGINT);
SELECT id, LOCATE('-', s, 100) AS a, LOCATE('', s, 3) AS b, POSITION('c' IN s) AS c FROM t;
