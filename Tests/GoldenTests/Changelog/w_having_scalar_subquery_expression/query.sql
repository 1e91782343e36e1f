-- HAVING with a scalar subquery beside a grouped column and an expression over an aggregate. Computed by Flink 2.3.
CREATE TABLE orders (uid INT, qty INT);
SELECT uid, COUNT(*) AS n FROM orders GROUP BY uid HAVING SUM(qty) + uid > (SELECT AVG(qty) FROM orders) AND uid < 5
