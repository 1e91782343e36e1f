-- A variation found in differential testing against Flink 2.3 (functions on edge values).
CREATE TABLE ev (id INT, s STRING, ts TIMESTAMP(3), n BIGINT);

SELECT id, FLOOR(ts TO DAY) AS fd, CEIL(ts TO DAY) AS cd, FLOOR(ts TO MONTH) AS fm, CEIL(ts TO MONTH) AS cm,
  FLOOR(ts TO YEAR) AS fy, FLOOR(ts TO WEEK) AS fw, FLOOR(ts TO HOUR) AS fh, CEIL(ts TO SECOND) AS cs
FROM ev;
