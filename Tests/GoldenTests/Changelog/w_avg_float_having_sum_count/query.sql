-- SUM and COUNT in HAVING make Flink rewrite the AVG of a FLOAT too. Computed by Flink 2.3.
CREATE TABLE m (k STRING, f FLOAT, dc DECIMAL(10, 2), ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT k, AVG(f) AS a FROM m GROUP BY k HAVING SUM(f) > 0 AND COUNT(f) > 0;
