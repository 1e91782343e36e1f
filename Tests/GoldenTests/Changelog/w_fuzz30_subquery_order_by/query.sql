-- A subquery's ORDER BY without LIMIT is dropped, as Calcite drops it. Computed by Flink 2.3.
CREATE TABLE s (id INT, k STRING);
SELECT k, COUNT(*) AS n FROM (SELECT * FROM s ORDER BY id) GROUP BY k;
