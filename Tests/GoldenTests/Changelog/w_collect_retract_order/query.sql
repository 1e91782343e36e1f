-- COLLECT over a Top-1 whose rows change: a value retracted while copies are left keeps its place in the map, one taken out and back goes last in its bucket. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, n INT, ver INT);
SELECT k, CAST(COLLECT(n) AS STRING) AS ns FROM (SELECT k, n FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY id ORDER BY ver DESC) AS rn FROM t) WHERE rn = 1) GROUP BY k;
