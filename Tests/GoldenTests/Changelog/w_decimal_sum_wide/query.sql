-- SUM of a DECIMAL(38, 4) past 64 bits stays exact. Computed by Flink 2.3.
CREATE TABLE t (id INT, big DECIMAL(38, 4));
SELECT CAST(SUM(big) AS STRING) AS ss, SUM(big) AS s FROM t;
