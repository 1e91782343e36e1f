-- TRY_CAST of short text to DECIMAL(10, 2) and DECIMAL(5, 0): signs, spaces, rounding half away from zero, exponents, overflow and junk, as Flink's toDecimalFromBytes reads them. Computed by Flink 2.3.
CREATE TABLE t (id INT, s STRING);
SELECT id, s, TRY_CAST(s AS DECIMAL(10, 2)) AS d, TRY_CAST(s AS DECIMAL(5, 0)) AS w FROM t;
