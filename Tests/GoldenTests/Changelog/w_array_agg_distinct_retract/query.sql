-- ARRAY_AGG(DISTINCT k) over an updating aggregation: retracted values leave the array. Computed by Flink 2.3.
CREATE TABLE t (k STRING, g STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT c, CAST(ARRAY_AGG(DISTINCT k) AS STRING) AS ks FROM (SELECT k, COUNT(*) AS c FROM t GROUP BY k) GROUP BY c;
