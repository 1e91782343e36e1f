-- A join with a derived table that has no name (JOIN (SELECT MAX(w) …) ON TRUE). Computed by Flink 2.3.
CREATE TABLE a (k INT, v INT, s STRING);
CREATE TABLE b (k BIGINT, w INT, t STRING);
SELECT a.k, mx FROM a JOIN (SELECT MAX(w) AS mx FROM b) ON TRUE WHERE a.v > 20;
