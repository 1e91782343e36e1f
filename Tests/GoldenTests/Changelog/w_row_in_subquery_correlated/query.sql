-- (a, b) IN a subquery correlated by a non-equi condition on the outer row. Computed by Flink 2.3.
CREATE TABLE t (
  id INT,
  a INT,
  b STRING
);
CREATE TABLE u (
  x INT,
  y STRING,
  z INT
);
SELECT id, a, b FROM t AS o WHERE (a, b) IN (SELECT x, y FROM u WHERE u.z > o.id - 3);
