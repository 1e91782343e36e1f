-- OVER ordered by a column that is not a time attribute (Flink's NonTime*UnboundedPrecedingFunction). Computed by Flink 2.3.
CREATE TABLE t (k STRING, ts TIMESTAMP(3), v INT);
SELECT k, ts, v, SUM(v) OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS s, COUNT(*) OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS c FROM t;
