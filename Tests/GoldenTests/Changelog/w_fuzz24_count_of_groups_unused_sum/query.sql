-- An aggregation over a subquery's aggregation that does not read all of its aggregates: Flink prunes them, so they change nothing (fuzz round 24). Computed by Flink 2.3.
CREATE TABLE orders (uid INT, qty INT);
SELECT COUNT(*) AS buyers FROM (SELECT uid, SUM(qty) AS q FROM orders GROUP BY uid);
