-- An aggregation over a subquery's aggregation that does not read all of its aggregates: Flink prunes them, so they change nothing (fuzz round 24). Computed by Flink 2.3.
CREATE TABLE orders (uid INT, status STRING);
SELECT mn, COUNT(*) AS users FROM (SELECT uid, MIN(status) AS mn, COUNT(*) AS c FROM orders GROUP BY uid) GROUP BY mn;
