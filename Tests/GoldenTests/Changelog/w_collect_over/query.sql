-- COLLECT in a ROWS OVER frame: values leave as the frame moves and keep Flink's map order. Computed by Flink 2.3.
CREATE TABLE t (k STRING, n INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT k, n, CAST(COLLECT(n) OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS STRING) AS recent FROM t;
