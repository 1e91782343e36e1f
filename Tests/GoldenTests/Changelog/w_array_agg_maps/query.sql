-- ARRAY_AGG of MAP values (a column and a ROW's field) keeps each map in Flink's order. Computed by Flink 2.3.
CREATE TABLE t (k STRING, m MAP<STRING, INT>, r ROW<name STRING, attrs MAP<STRING, INT>>);
SELECT k, CAST(ARRAY_AGG(m) AS STRING) AS ms, CAST(ARRAY_AGG(r.attrs) AS STRING) AS attrs FROM t GROUP BY k;
