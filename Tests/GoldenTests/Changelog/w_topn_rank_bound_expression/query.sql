-- A Top-N bound written as an expression (rn <= 1 + 1), folded as Flink folds it. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT);
SELECT k, id FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY v DESC) AS rn FROM t) WHERE rn <= 1 + 1;
