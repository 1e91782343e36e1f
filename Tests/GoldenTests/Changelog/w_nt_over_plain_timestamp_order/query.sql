-- OVER ordered by a column that is not a time attribute (from differential round 12). Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, ts TIMESTAMP(3));
SELECT id, SUM(v) OVER (PARTITION BY k ORDER BY ts) AS s FROM t;
