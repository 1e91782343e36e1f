-- A variation found in differential testing against Flink 2.3 (functions on edge values).
CREATE TABLE ev (id INT, s STRING, ts TIMESTAMP(3), n BIGINT);

SELECT id, ts + INTERVAL '1' MONTH AS p1m, ts - INTERVAL '1-1' YEAR TO MONTH AS m13 FROM ev;
