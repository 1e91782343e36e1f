-- JSON_EXISTS with wildcards where the prefix holds a JSON null, a scalar or nothing, and on scalar and null documents. Computed by Flink 2.3.
CREATE TABLE t (
  id INT,
  j STRING
);
SELECT id, JSON_EXISTS(j, '$.a[*]') AS e1, JSON_EXISTS(j, '$.a.*') AS e2, JSON_EXISTS(j, '$.a[*].c') AS e3, JSON_EXISTS(j, '$.x[*]') AS e4, JSON_EXISTS(j, 'strict $.a[*]') AS e5, JSON_EXISTS(j, '$.*') AS e6, JSON_EXISTS(j, '$.a[*].c' FALSE ON ERROR) AS e7, JSON_EXISTS(j, 'strict $.x.*') AS e8 FROM t;
