-- MAX/MIN of a TIME(p) column keep its precision when cast to STRING. Computed by Flink 2.3.
CREATE TABLE x (id INT, g STRING, t TIME(3), t1 TIME(1), t0 TIME);
SELECT g, CAST(MAX(t) AS STRING) AS mx, CAST(MIN(t1) AS STRING) AS mn, CAST(MAX(t0) AS STRING) AS m0, COUNT(*) AS n FROM x GROUP BY g;
