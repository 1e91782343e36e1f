-- A Top-1 ascending by a TIMESTAMP without a watermark: ranked at once (no deduplication held until the watermark). Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, ts TIMESTAMP(3));
SELECT k, id FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts ASC) AS rn FROM t) WHERE rn = 1;
