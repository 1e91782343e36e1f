-- ARRAY_AGG(DISTINCT k) of strings: once the array holds a NULL, Flink writes -U/+U for every row even when the array is unchanged. Computed by Flink 2.3.
CREATE TABLE t (k STRING, g STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT g, CAST(ARRAY_AGG(DISTINCT k) AS STRING) AS a FROM t GROUP BY g;
