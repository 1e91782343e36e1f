-- ROW_NUMBER() OVER without a filter on its number, aggregated by the outer query, is an OVER aggregate. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT k, MAX(rn) AS m FROM (SELECT k, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts) AS rn FROM t) GROUP BY k;
