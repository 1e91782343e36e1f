-- A window Top-N partitioned by window_start and window_end under other names (differential round 14). Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, p STRING, amt DECIMAL(10, 2), ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
WITH a AS (SELECT k, window_start AS ws1, window_end AS we1, window_time AS wt1, COUNT(*) AS n1 FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '2' SECOND)) GROUP BY k, window_start, window_end, window_time) SELECT k, ws1, n1, rn FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY ws1, we1 ORDER BY n1 DESC) AS rn FROM a) WHERE rn <= 1;
