CREATE TABLE t (id INT, s STRING);
SELECT id, REGEXP_EXTRACT(s, '\p{Alpha}+', 0) AS a, REGEXP_EXTRACT(s, '\p{L}+', 0) AS b FROM t;
