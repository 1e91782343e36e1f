-- OVER ordered by a column that is not a time attribute (Flink's NonTime*UnboundedPrecedingFunction). Computed by Flink 2.3.
CREATE TABLE t (k STRING, name STRING, v INT);
SELECT k, name, v, SUM(v) OVER (PARTITION BY k ORDER BY name RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS s FROM t;
