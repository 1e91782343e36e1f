-- SUM of a FLOAT adds in FLOAT, each partial sum rounded to 32 bits. Computed by Flink 2.3.
CREATE TABLE m (k STRING, f FLOAT, d DOUBLE);
SELECT k, SUM(f) AS s FROM m GROUP BY k;
