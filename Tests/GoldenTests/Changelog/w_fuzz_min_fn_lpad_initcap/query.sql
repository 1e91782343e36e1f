-- A variation found in differential testing against Flink 2.3 (functions on edge values).
CREATE TABLE ev (id INT, s STRING, ts TIMESTAMP(3), n BIGINT);

SELECT id, LPAD(s, 2, '') AS lp, RPAD(s, 2, '') AS rp, LPAD(s, 0, '') AS lp0, INITCAP(s) AS ic FROM ev;
