-- A Top-1 by a TIMESTAMP that is no time attribute: the second of two equal rows does not replace the first. Computed by Flink 2.3.
CREATE TABLE t (k STRING, s STRING, ts TIMESTAMP(3), v INT);
SELECT k, s FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts DESC) AS rn FROM t) WHERE rn = 1;
