-- DECIMAL at its precision limit: a CAST that does not fit is NULL, a quotient wider than 18 digits keeps its value (Flink 2.3).
CREATE TABLE t (id INT, e DECIMAL(10, 2));
SELECT id, e, CAST(e AS DECIMAL(5, 1)) AS c51, CAST(e AS DECIMAL(12, 0)) AS c120, e + 1 AS plus, e * 2 AS twice, e / 3 AS third,
  ROUND(e, 1) AS r1, CAST(e AS INT) AS i, CAST(e AS DOUBLE) AS d, CAST(e AS STRING) AS s, -e AS neg, ABS(e) AS a
FROM t;
