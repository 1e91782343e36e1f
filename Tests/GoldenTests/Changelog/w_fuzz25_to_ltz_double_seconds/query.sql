-- TO_TIMESTAMP_LTZ of DOUBLE seconds goes through nanoseconds (1714039200.123 is .122). Computed by Flink 2.3.
CREATE TABLE t (id INT, dd DOUBLE);
SELECT id, CAST(TO_TIMESTAMP_LTZ(dd, 0) AS STRING) AS c0 FROM t
