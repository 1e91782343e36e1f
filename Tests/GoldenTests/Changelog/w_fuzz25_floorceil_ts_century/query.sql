-- FLOOR/CEIL to DECADE, CENTURY, MILLENNIUM (Calcite's julianDateFloor: a century from its year 1, a CEIL always past). Computed by Flink 2.3.
CREATE TABLE t (id INT, ts TIMESTAMP(3), d DATE, tm TIME(0), s STRING, ltz TIMESTAMP_LTZ(3));
SELECT id, FLOOR(ts TO CENTURY) AS c0, CEIL(ts TO CENTURY) AS c1 FROM t
