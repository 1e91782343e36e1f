-- AVG of a FLOAT beside SUM and COUNT of it: Flink's planner rewrites it as SUM / COUNT, divided in FLOAT. Computed by Flink 2.3.
CREATE TABLE m (k STRING, f FLOAT, ts TIMESTAMP(3));
SELECT k, SUM(f) AS s, AVG(f) AS a, COUNT(f) AS n FROM m GROUP BY k;
