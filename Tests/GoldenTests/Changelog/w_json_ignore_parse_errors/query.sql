-- 'json.ignore-parse-errors' = 'true': values that do not fit their column are NULL and the line kept; lines that are no JSON object are skipped. Computed by Flink 2.3.
CREATE TABLE t (id INT, v INT, d DATE, n DECIMAL(6, 2));
SELECT id, v, CAST(d AS STRING) AS d, n FROM t;
