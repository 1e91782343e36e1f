-- GREATEST/LEAST of a FLOAT and a DOUBLE are DOUBLE (unlike f + d). Computed by Flink 2.3.
CREATE TABLE m (k STRING, f FLOAT, d DOUBLE);
SELECT GREATEST(f, d) AS g, LEAST(f, d) AS l, COALESCE(f, d) AS c, CASE WHEN f > 0 THEN f ELSE d END AS cs, IF(f > 0, f, d) AS i FROM m;
