CREATE TABLE t (id INT, s STRING);
SELECT id, REGEXP(s, 'abc') AS a, REGEXP(s, '^[a-z ]+$') AS b, REGEXP(s, '') AS c FROM t;
