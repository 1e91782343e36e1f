-- A Top-N over another Top-N: the inner keeps its row number, unread, as Flink's plan does. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT);
SELECT k, COUNT(*) AS c, SUM(v) AS s FROM (SELECT id, k, v FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY v DESC) AS rn FROM t) WHERE rn <= 3) GROUP BY k;
