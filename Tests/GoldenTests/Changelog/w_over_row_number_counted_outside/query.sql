-- ROW_NUMBER() OVER in a subquery whose outer query filters on another column or groups by the number: an OVER aggregate, not a Top-N. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT rn, COUNT(*) AS c FROM (SELECT k, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts) AS rn FROM t) GROUP BY rn;
