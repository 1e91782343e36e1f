-- window_start and window_end under other names still make a window Top-N / window join (differential round 14). Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, p STRING, amt DECIMAL(10, 2), ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT id, s FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY s, e ORDER BY v DESC) AS rn FROM (SELECT id, v, window_start AS s, window_end AS e FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '3' SECOND)))) WHERE rn <= 1;
