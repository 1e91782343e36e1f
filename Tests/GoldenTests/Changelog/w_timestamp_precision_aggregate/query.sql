-- MAX/MIN/LAST_VALUE of TIMESTAMP(6) and TIMESTAMP(0) columns through a subquery keep their precision when cast to STRING. Computed by Flink 2.3.
CREATE TABLE x (id INT, g STRING, ts TIMESTAMP(6), t0 TIMESTAMP(0));
SELECT g, CAST(MAX(t6) AS STRING) AS mx, CAST(MIN(t0) AS STRING) AS mn, CAST(LAST_VALUE(t6) AS STRING) AS lv, COUNT(*) AS n FROM (SELECT id, g, ts AS t6, t0 FROM x) GROUP BY g;
