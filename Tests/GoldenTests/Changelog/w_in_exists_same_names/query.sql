-- IN and EXISTS as values where the subquery's columns have the outer table's names (they were ambiguous). Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT);
CREATE TABLE u (k STRING, w INT);
SELECT id, k, k IN (SELECT k FROM u) AS hit, EXISTS (SELECT * FROM u WHERE u.k = t.k AND u.w > 2) AS big FROM t;
