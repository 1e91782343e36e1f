-- HAVING compares with a scalar subquery: the aggregation, then the subquery's one row joined, then the filter, as Flink (fuzz round 24). Computed by Flink 2.3.
CREATE TABLE orders (uid INT, qty INT);
SELECT uid, SUM(qty) AS q FROM orders GROUP BY uid HAVING SUM(qty) > (SELECT AVG(qty) FROM orders);
