-- A variation found in differential testing against Flink 2.3 (functions on edge values).
CREATE TABLE ev (id INT, s STRING, ts TIMESTAMP(3), n BIGINT);

SELECT id, CAST(TO_DATE(s) AS STRING) AS td FROM ev;
