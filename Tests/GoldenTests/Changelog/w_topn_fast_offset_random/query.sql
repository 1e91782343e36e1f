-- Top-N ranked in place over an aggregate that only grows (Flink's UpdatableTopNFunction): the order of a moved row's changes. Computed by Flink 2.3.
CREATE TABLE t (k STRING);
SELECT k, x, rn FROM (SELECT k, x, ROW_NUMBER() OVER (ORDER BY x DESC) AS rn FROM (SELECT k, COUNT(*) AS x FROM t GROUP BY k)) WHERE rn BETWEEN 2 AND 4;
