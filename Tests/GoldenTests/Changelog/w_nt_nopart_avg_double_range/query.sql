-- OVER ordered by a column that is not a time attribute (Flink's NonTime*UnboundedPrecedingFunction). Computed by Flink 2.3.
CREATE TABLE t (id INT, a INT, v DOUBLE);
SELECT id, a, v, AVG(v) OVER (ORDER BY a RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS av FROM t;
