-- A watermark ahead of the events under a ROWS OVER window: rows not after the partition's last are late. Computed by Flink 2.3.
CREATE TABLE t (k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts + INTERVAL '2' SECOND);
SELECT k, v, SUM(v) OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS s FROM t;
