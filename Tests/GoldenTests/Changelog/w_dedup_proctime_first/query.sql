-- Deduplication on the processing-time attribute keeps the first row of each key to arrive. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, ts TIMESTAMP(3), pt AS PROCTIME());
SELECT id, k FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY pt) AS rn FROM t) WHERE rn = 1;
