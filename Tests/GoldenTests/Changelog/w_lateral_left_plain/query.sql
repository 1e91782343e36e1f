-- LEFT JOIN LATERAL of a plain subquery with a local filter: unmatched rows padded with NULLs. Computed by Flink 2.3.
CREATE TABLE t (
  id INT,
  k STRING
);
CREATE TABLE u (
  k STRING,
  v INT,
  w STRING
);
SELECT t.id, s.w, s.v FROM t LEFT JOIN LATERAL (SELECT w, v FROM u WHERE u.k = t.k AND v > 1) AS s ON TRUE;
