-- A filtered SUM is another aggregate: the AVG of a FLOAT stays Flink's AVG (a DOUBLE sum). Computed by Flink 2.3.
CREATE TABLE m (k STRING, f FLOAT, dc DECIMAL(10, 2), ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT k, SUM(f) FILTER (WHERE f > 0) AS s, AVG(f) AS a, COUNT(f) AS n FROM m GROUP BY k;
