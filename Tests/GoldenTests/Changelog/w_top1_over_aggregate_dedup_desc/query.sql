-- ROW_NUMBER() … ORDER BY MAX(ts) DESC rn = 1 over GROUP BY k, p selecting k: fast Top-1 over the updating aggregate. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, p STRING, amt DECIMAL(10, 2), ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT k, v, ts FROM (SELECT k, v, ts, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts DESC) AS rn FROM (SELECT k, SUM(v) AS v, MAX(ts) AS ts FROM t GROUP BY k, p)) WHERE rn = 1;
