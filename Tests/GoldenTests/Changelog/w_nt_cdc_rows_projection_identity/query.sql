-- OVER ordered by a column that is not a time attribute (Flink's NonTime*UnboundedPrecedingFunction). Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, seq INT, v INT);
SELECT k, seq, v, SUM(v) OVER (PARTITION BY k ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS s FROM t;
