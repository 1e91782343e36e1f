-- An aggregation over a subquery's aggregation that does not read all of its aggregates: Flink prunes them, so they change nothing (fuzz round 24). Computed by Flink 2.3.
CREATE TABLE users (id INT, name STRING, tier INT);
SELECT mn, COUNT(*) AS tiers FROM (SELECT tier, MIN(name) AS mn, COUNT(*) AS c FROM users GROUP BY tier) GROUP BY mn;
