-- JSON_ARRAYAGG and JSON_OBJECTAGG write a TIMESTAMP_LTZ as its UTC instant with a Z, in Los Angeles too. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, ltz TIMESTAMP_LTZ(3));
SELECT k, JSON_ARRAYAGG(ltz) AS a, JSON_OBJECTAGG(KEY CAST(id AS STRING) VALUE ltz) AS o FROM t GROUP BY k
