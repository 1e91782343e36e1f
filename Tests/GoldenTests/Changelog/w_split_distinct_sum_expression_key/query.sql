-- distinct-agg split: SUM(DISTINCT v) and COUNT(v) grouped by UPPER(k). Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, p STRING);
SELECT UPPER(k) AS uk, SUM(DISTINCT v) AS sdv, COUNT(v) AS cv FROM t WHERE v > 0 OR v IS NULL GROUP BY UPPER(k);
