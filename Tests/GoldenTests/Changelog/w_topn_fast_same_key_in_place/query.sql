-- Top-N ranked in place over an aggregate that only grows (Flink's UpdatableTopNFunction): the order of a moved row's changes. Computed by Flink 2.3.
CREATE TABLE t (k STRING, v INT);
SELECT k, m, c, rn FROM (SELECT k, m, c, ROW_NUMBER() OVER (ORDER BY m DESC) AS rn FROM (SELECT k, MAX(v) AS m, COUNT(*) AS c FROM t GROUP BY k)) WHERE rn <= 3;
