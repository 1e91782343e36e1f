-- distinct-agg split: COUNT(DISTINCT p) and SUM(v) by k, partial by MOD(HASH_CODE(p), 1024). Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, p STRING, amt DECIMAL(10, 2), ts TIMESTAMP(3));
SELECT k, COUNT(DISTINCT p) AS dp, SUM(v) AS sv FROM t GROUP BY k;
