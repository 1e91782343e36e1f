-- A LATERAL subquery without aggregates: a join on the correlation key. Computed by Flink 2.3.
CREATE TABLE t (
  id INT,
  k STRING
);
CREATE TABLE u (
  k STRING,
  v INT,
  w STRING
);
SELECT t.id, s.w FROM t, LATERAL (SELECT w FROM u WHERE u.k = t.k) AS s;
