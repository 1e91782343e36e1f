-- FLOAT arithmetic and text, and a DECIMAL in JSON, as Flink 2.3 writes them (found in differential testing).
CREATE TABLE t (e DECIMAL(10,8));
SELECT JSON_STRING(e) AS js, JSON_OBJECT('e' VALUE e) AS jo, CAST(e AS STRING) AS cs FROM t;
