-- CAST to CHAR(3) pads to three code points ('😀x' gets one space), where RPAD counts UTF-16 units. Computed by Flink 2.3.
CREATE TABLE t (id INT, s STRING, n STRING, i INT, b BIGINT, d DOUBLE, m DECIMAL(12, 4), u STRING);
SELECT id, CEIL(d) AS e0, ROUND(i, -1) AS e1, CAST(s AS CHAR(3)) AS e2 FROM t WHERE CAST(i AS STRING) LIKE '-%';
