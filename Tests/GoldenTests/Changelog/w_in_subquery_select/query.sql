-- IN / EXISTS with a subquery as a value (under OR, NOT, CASE, in the select list), rewritten as Calcite's SubQueryRemoveRule does. Final table computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING);
CREATE TABLE s (k STRING);
SELECT id, k IN (SELECT k FROM s) AS m, k NOT IN (SELECT k FROM s) AS n FROM t;
