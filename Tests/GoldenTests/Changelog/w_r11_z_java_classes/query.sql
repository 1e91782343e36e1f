CREATE TABLE t (id INT, s STRING);
SELECT id, REGEXP_REPLACE(s, '\p{javaLowerCase}', '*') AS a, REGEXP_REPLACE(s, '\p{IsAlphabetic}', '*') AS b FROM t;
