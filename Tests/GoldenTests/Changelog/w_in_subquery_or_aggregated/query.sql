-- IN with a subquery under OR in an aggregation's WHERE: the rows it keeps, then aggregated. Final table computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING);
CREATE TABLE s (k STRING);
SELECT k, COUNT(*) AS c, SUM(id) AS ids FROM t WHERE k IN (SELECT k FROM s) OR id > 20 GROUP BY k;
