-- COUNT(DISTINCT) after a delete of a value never inserted: Flink's distinct view counts it -1, so its next insert brings it to 0 (fuzz round 24). Computed by Flink 2.3.
CREATE TABLE users (id INT, region STRING, tier INT);
SELECT region, COUNT(DISTINCT tier) AS tiers, COUNT(*) AS n FROM users GROUP BY region;
