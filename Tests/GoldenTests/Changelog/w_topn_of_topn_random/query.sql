-- A Top-N over another Top-N: the inner keeps its row number, unread, as Flink's plan does. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT);
SELECT k, id, v FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY v ASC) AS rn2 FROM (SELECT id, k, v FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY v DESC) AS rn FROM t) WHERE rn <= 3)) WHERE rn2 <= 3;
