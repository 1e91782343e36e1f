-- OVER ordered by a column that is not a time attribute (Flink's NonTime*UnboundedPrecedingFunction). Computed by Flink 2.3.
CREATE TABLE t (k STRING, seq INT, v INT);
SELECT k, seq, v, ROW_NUMBER() OVER (PARTITION BY k ORDER BY seq) AS rn FROM t;
