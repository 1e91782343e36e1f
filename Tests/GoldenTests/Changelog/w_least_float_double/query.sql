-- LEAST of a FLOAT and a DOUBLE is a DOUBLE. Computed by Flink 2.3.
CREATE TABLE m (f FLOAT, d DOUBLE);
SELECT LEAST(f, d) AS l, GREATEST(d, f) AS g2 FROM m;
