-- MAP_UNION: the last map's entries first, then each earlier map's keys not taken; NULL when a map is. Computed by Flink 2.3.
CREATE TABLE t (id INT, m MAP<STRING, INT>, n MAP<STRING, INT>);
SELECT id, CAST(MAP_UNION(m, n) AS STRING) AS c0, CAST(MAP_UNION(n, m) AS STRING) AS c1, CAST(MAP_UNION(m, MAP['b', 20, 'q', 30]) AS STRING) AS c2, CAST(MAP_UNION(m, n, MAP['zz', 0]) AS STRING) AS c3 FROM t
