-- TRY_CAST of an ARRAY: text that does not parse makes the whole array NULL, a DECIMAL overflow only its element. Computed by Flink 2.3.
CREATE TABLE t (id INT, a ARRAY<STRING>, d ARRAY<DOUBLE>);
SELECT id, CAST(TRY_CAST(a AS ARRAY<INT>) AS STRING) AS ints, CAST(TRY_CAST(a AS ARRAY<BOOLEAN>) AS STRING) AS bools, CAST(TRY_CAST(d AS ARRAY<DECIMAL(3, 1)>) AS STRING) AS decs, CARDINALITY(TRY_CAST(a AS ARRAY<BIGINT>)) AS n FROM t;
