-- JSON_VALUE with a wildcard, deep scan or filter: a list, never a scalar, so the ON ERROR behaviour. Computed by Flink 2.3.
CREATE TABLE t (id INT, j STRING);
SELECT id, JSON_VALUE(j, '$.c[*]') AS a, JSON_VALUE(j, '$..a' DEFAULT 'none' ON ERROR) AS b, JSON_VALUE(j, '$.c[?(@ > 1)]' RETURNING INT DEFAULT -1 ON ERROR) AS c, JSON_VALUE(j, '$.c[0]') AS d FROM t;
