-- FLOAT arithmetic and text, and a DECIMAL in JSON, as Flink 2.3 writes them (found in differential testing).
CREATE TABLE t (k INT, f FLOAT);
SELECT k, AVG(f) AS af FROM t GROUP BY k;
