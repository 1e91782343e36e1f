-- ROUND and TRUNCATE of -0.0 are 0.0 (Flink rounds through BigDecimal), SQRT(-0.0) is 0.0 (POWER(x, 0.5)). Computed by Flink 2.3.
CREATE TABLE n (id INT, d DOUBLE);
SELECT id, CAST(ROUND(d, 1) AS STRING) AS r, CAST(TRUNCATE(d) AS STRING) AS t, CAST(SQRT(d) AS STRING) AS sq FROM n;
