-- JSON_OBJECT, JSON_ARRAY and JSON_STRING write a TIMESTAMP_LTZ as its UTC instant with a Z. Computed by Flink 2.3.
CREATE TABLE t (id INT, ltz TIMESTAMP_LTZ(3), ts TIMESTAMP(3));
SELECT id, JSON_OBJECT('t' VALUE ltz) AS c0, JSON_STRING(ltz) AS c1 FROM t
