-- A variation found in differential testing against Flink 2.3 (functions on edge values).
CREATE TABLE ev (id INT, s STRING, ts TIMESTAMP(3), n BIGINT);

SELECT id, CEIL(ts TO WEEK) AS cw, CEIL(ts TO MONTH) AS cm, CEIL(ts TO QUARTER) AS cq, CEIL(ts TO YEAR) AS cy, CEIL(ts TO DAY) AS cd FROM ev;
