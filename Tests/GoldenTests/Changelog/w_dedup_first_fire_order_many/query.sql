-- Keep-first deduplication over eight keys with ties: keys due at one watermark in Flink's timer-heap order. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, p INT, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '3' SECOND);
SELECT id, k, p, v, ts FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts ASC) AS rn FROM t) WHERE rn = 1;
