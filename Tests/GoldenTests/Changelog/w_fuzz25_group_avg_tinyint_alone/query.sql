-- AVG of a TINYINT alone sums in BIGINT (no wrapping). Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, ti TINYINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT k, AVG(ti) AS av FROM t GROUP BY k
