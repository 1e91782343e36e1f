-- GREATEST/LEAST with NaN (after everything, as Java's Double.compare); a FLOAT plus a zero literal, as DOUBLE, keeps -0.0. Computed by Flink 2.3.
CREATE TABLE n (id INT, d DOUBLE, f FLOAT);
SELECT id, CAST(GREATEST(d, 5.0) AS STRING) AS g1, CAST(LEAST(d, 5.0) AS STRING) AS l1, CAST(GREATEST(5.0, d) AS STRING) AS g2, CAST(LEAST(CAST('NaN' AS DOUBLE), d) AS STRING) AS l2, CAST(f + 0.0 AS STRING) AS fp, CAST(f + 0 AS STRING) AS fi, CAST(f + CAST(0 AS FLOAT) AS STRING) AS ff, CAST(d + 0 AS STRING) AS di FROM n;
