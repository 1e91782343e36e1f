-- FROM t, LATERAL (SELECT COUNT(*) … WHERE u.k = t.k): decorrelated into a join with u grouped by k, so t rows without u rows are dropped, as in Flink. Computed by Flink 2.3.
CREATE TABLE t (
  id INT,
  k STRING
);
CREATE TABLE u (
  k STRING,
  v INT,
  w STRING
);
SELECT t.id, s.c FROM t, LATERAL (SELECT COUNT(*) AS c FROM u WHERE u.k = t.k) s;
