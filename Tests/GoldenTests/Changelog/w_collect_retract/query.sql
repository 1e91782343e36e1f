-- COLLECT over a deduplicated input: retractions take values out of the multiset. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v STRING);
SELECT k, CAST(COLLECT(v) AS STRING) AS vs FROM (SELECT k, v FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY id ORDER BY v DESC) AS rn FROM t) WHERE rn = 1) GROUP BY k;
