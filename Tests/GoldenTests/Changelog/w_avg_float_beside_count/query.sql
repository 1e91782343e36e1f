-- AVG of a FLOAT beside COUNT only stays Flink's AVG (a DOUBLE sum): 52.192. Computed by Flink 2.3.
CREATE TABLE m (k STRING, f FLOAT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT k, AVG(f) AS a, COUNT(f) AS n FROM m GROUP BY k;
