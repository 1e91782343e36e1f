-- A variation found in differential testing against Flink 2.3 (functions on edge values).
CREATE TABLE ev (id INT, s STRING, ts TIMESTAMP(3), n BIGINT);

SELECT id, DATE_FORMAT(s, 'yyyy/MM/dd') AS f3 FROM ev;
