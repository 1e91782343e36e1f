CREATE TABLE t (k STRING, d DECIMAL(10, 2));
SELECT k, w + w AS s2, w * 2 AS m2, w - 1 AS m1, w > 100 AS gt, ROUND(w, 2) AS r, CAST(w AS DOUBLE) AS dd, CAST(w AS STRING) AS txt, ABS(w) AS ab FROM (SELECT k, CAST(d AS DECIMAL(38, 18)) AS w FROM t);
