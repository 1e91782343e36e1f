-- COLLECT of strings and integers in an updating aggregation: NULLs left out, a group of NULLs only is {}. Computed by Flink 2.3.
CREATE TABLE t (k STRING, v STRING, n INT);
SELECT k, CAST(COLLECT(v) AS STRING) AS vs, CAST(COLLECT(n) AS STRING) AS ns FROM t GROUP BY k;
