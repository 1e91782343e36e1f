-- COUNT(*) NOT IN (SELECT …) in an aggregation's select list: the aggregate's value is the IN's operand. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT);
CREATE TABLE u (k STRING, w INT);
SELECT k, COUNT(*) AS n, COUNT(*) NOT IN (SELECT w FROM u) AS fresh FROM t GROUP BY k;
