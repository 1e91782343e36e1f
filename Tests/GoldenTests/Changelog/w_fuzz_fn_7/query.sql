-- A variation found in differential testing against Flink 2.3 (functions on edge values).
CREATE TABLE ev (id INT, s STRING, ts TIMESTAMP(3), n BIGINT);

SELECT id, DATE_FORMAT(ts, 'EEE dd/MM/yy D w u a hh') AS f1, DATE_FORMAT(ts, 'yyyyMMdd''T''HHmmss.SSS') AS f2,
  UNIX_TIMESTAMP(s, 'yyyy-MM-dd') AS ux
FROM ev;
