-- Top-N ranked in place over an aggregate that only grows (Flink's UpdatableTopNFunction): the order of a moved row's changes. Computed by Flink 2.3.
CREATE TABLE t (c STRING, k STRING);
SELECT c, k, x, rn FROM (SELECT c, k, x, ROW_NUMBER() OVER (PARTITION BY c ORDER BY x DESC) AS rn FROM (SELECT c, k, COUNT(*) AS x FROM t GROUP BY c, k)) WHERE rn <= 3;
