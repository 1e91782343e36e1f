-- distinct-agg split with HAVING COUNT(DISTINCT p) > 1 and MIN(v). Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, p STRING);
SELECT k, COUNT(DISTINCT p) AS dp, MIN(v) AS mn FROM t GROUP BY k HAVING COUNT(DISTINCT p) > 1;
