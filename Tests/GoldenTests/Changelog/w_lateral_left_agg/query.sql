-- LEFT JOIN LATERAL (SELECT COUNT(*) …) ON TRUE: unmatched rows kept, their COUNT 0. Computed by Flink 2.3.
CREATE TABLE t (
  id INT,
  k STRING
);
CREATE TABLE u (
  k STRING,
  v INT,
  w STRING
);
SELECT t.id, s.c FROM t LEFT JOIN LATERAL (SELECT COUNT(*) AS c FROM u WHERE u.k = t.k) s ON TRUE;
