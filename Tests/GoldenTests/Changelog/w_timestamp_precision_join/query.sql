-- TIMESTAMP(6)/(0) columns through a derived table and a join keep their precision when cast to STRING. Computed by Flink 2.3.
CREATE TABLE x (id INT, g STRING, ts TIMESTAMP(6), t0 TIMESTAMP(0));
SELECT a.id, CAST(a.ts AS STRING) AS s6, CAST(a.t0 AS STRING) AS s0, CAST(b.ts AS STRING) AS bs FROM (SELECT * FROM x) a JOIN x b ON a.id = b.id;
