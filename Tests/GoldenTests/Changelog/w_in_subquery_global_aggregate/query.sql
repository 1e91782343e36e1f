-- MAX(v) IN (SELECT …) in a global aggregation's select list. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT);
CREATE TABLE u (k STRING, w INT);
SELECT COUNT(*) AS n, MAX(v) IN (SELECT w FROM u) AS top FROM t;
