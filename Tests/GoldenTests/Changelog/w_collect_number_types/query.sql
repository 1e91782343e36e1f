-- COLLECT of DOUBLE, BOOLEAN and SMALLINT values (and DISTINCT without a window) in the order Flink's HashMap gives them. Computed by Flink 2.3.
CREATE TABLE t (k STRING, d DOUBLE, f BOOLEAN, s SMALLINT);
SELECT k, CAST(COLLECT(d) AS STRING) AS ds, CAST(COLLECT(f) AS STRING) AS fs, CAST(COLLECT(s) AS STRING) AS ss, CAST(COLLECT(DISTINCT s) AS STRING) AS dss FROM t GROUP BY k;
