-- SELECT * over CROSS JOIN LATERAL with SUM and MAX and a local filter: the hidden key columns are not selected. Computed by Flink 2.3.
CREATE TABLE t (
  id INT,
  k STRING
);
CREATE TABLE u (
  k STRING,
  v INT,
  w STRING
);
SELECT * FROM t CROSS JOIN LATERAL (SELECT SUM(v) AS sv, MAX(w) AS mw FROM u WHERE u.k = t.k AND u.v > 0) AS s;
