-- IN with a subquery under OR in an aggregation's WHERE: the rows it keeps, then aggregated. Final table computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING);
CREATE TABLE s (k STRING);
SELECT COUNT(*) AS c FROM t WHERE NOT (k IN (SELECT k FROM s WHERE k IS NOT NULL)) OR id < 5;
