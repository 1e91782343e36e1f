-- Window Top-2 over the SESSION TVF: sessions of different keys that end together are ranked together. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, p STRING, amt DECIMAL(10, 2), ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT id, k, v, window_start, window_end, rn FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY v DESC) AS rn FROM TABLE(SESSION(TABLE t PARTITION BY k, DESCRIPTOR(ts), INTERVAL '2' SECOND))) WHERE rn <= 2;
