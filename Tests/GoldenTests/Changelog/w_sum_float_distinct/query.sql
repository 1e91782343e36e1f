-- SUM(DISTINCT) of a FLOAT adds each value as it becomes present, as Flink's distinct view. Computed by Flink 2.3.
CREATE TABLE m (k STRING, i INT, b BIGINT, dc DECIMAL(10, 2), f FLOAT, d DOUBLE, ts TIMESTAMP(3));
SELECT k, SUM(DISTINCT f) AS s, AVG(DISTINCT f) AS a, COUNT(DISTINCT f) AS n FROM m GROUP BY k;
