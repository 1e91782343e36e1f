-- GREATEST/LEAST of a DECIMAL then a FLOAT is a FLOAT, of a FLOAT then a DECIMAL a DOUBLE (Calcite's leastRestrictive). Computed by Flink 2.3.
CREATE TABLE m (k STRING, f FLOAT, dc DECIMAL(10, 2), ts TIMESTAMP(3));
SELECT k, GREATEST(dc, f) AS g1, GREATEST(f, dc) AS g2, LEAST(dc, f) AS l1, LEAST(f, dc) AS l2, CAST(GREATEST(dc, f) AS STRING) AS s1, CAST(GREATEST(f, dc) AS STRING) AS s2, CAST(LEAST(dc, f) AS STRING) AS s3, CAST(LEAST(f, dc) AS STRING) AS s4 FROM m;
