-- IN / EXISTS with a subquery as a value (under OR, NOT, CASE, in the select list), rewritten as Calcite's SubQueryRemoveRule does. Final table computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING);
CREATE TABLE s (k STRING);
SELECT id, CASE WHEN k IN (SELECT k FROM s WHERE k <> 'c') THEN 'hit' ELSE 'miss' END AS h FROM t WHERE id < 5;
