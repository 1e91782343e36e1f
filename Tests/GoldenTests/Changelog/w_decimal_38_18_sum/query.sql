-- SUM of DECIMAL(38, 18) token amounts keeps its 18 fraction digits. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, e DECIMAL(38, 18));
SELECT k, CAST(SUM(e) AS STRING) AS s, COUNT(*) AS n FROM t GROUP BY k;
