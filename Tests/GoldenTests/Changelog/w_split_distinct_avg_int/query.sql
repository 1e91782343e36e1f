-- distinct-agg split with AVG of an INT: a partial SUM and COUNT, the final average an INT. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, p STRING, m DECIMAL(10, 2));
SELECT k, COUNT(DISTINCT p) AS dp, AVG(v) AS av FROM t GROUP BY k;
