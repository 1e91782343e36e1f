-- Top-N ranked in place over an aggregate under a state TTL, which repeats unchanged results: each is written again in place. Computed by Flink 2.3.
CREATE TABLE t (k STRING, v INT);
SELECT k, m, rn FROM (SELECT k, m, ROW_NUMBER() OVER (ORDER BY m DESC) AS rn FROM (SELECT k, MAX(v) AS m FROM t GROUP BY k)) WHERE rn <= 3;
