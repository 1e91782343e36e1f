-- Keep-first deduplication: an earlier row deletes the timer of the row it replaces (RowTimeDeduplicateKeepFirstRowFunction), which moves other keys' timers in Flink's heap. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '3' SECOND);
SELECT id, k, v, ts FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts) AS rn FROM t) WHERE rn = 1;
