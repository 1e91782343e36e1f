-- Top-1 by MAX(ts) DESC over an aggregate by (k, p) that selects k only: still Flink's fast Top-1 (an update with an equal sort key is not written). Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, p STRING, ts TIMESTAMP(3));
SELECT k, v, ts FROM (SELECT k, v, ts, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts DESC) AS rn FROM (SELECT k, SUM(v) AS v, MAX(ts) AS ts FROM t GROUP BY k, p)) WHERE rn = 1;
