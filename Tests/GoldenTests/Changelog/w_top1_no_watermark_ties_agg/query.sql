-- ROW_NUMBER ordered by a TIMESTAMP of a table without a watermark: a Top-N, where a tie never replaces the row written (it is no deduplication). Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, d DECIMAL(10, 2), s STRING, ts TIMESTAMP(3));
SELECT s, COUNT(*) AS n FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts DESC) AS rn FROM t) WHERE rn = 1 GROUP BY s;
