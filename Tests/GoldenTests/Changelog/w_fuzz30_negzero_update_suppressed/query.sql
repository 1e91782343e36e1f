-- A DOUBLE group result going from 0.0 to -0.0 writes no update: Flink's equaliser compares doubles with ==. Computed by Flink 2.3.
CREATE TABLE n (k STRING, d DOUBLE);
SELECT k, LAST_VALUE(d) AS v FROM n GROUP BY k;
