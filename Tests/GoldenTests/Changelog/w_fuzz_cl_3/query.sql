-- A variation of a shared case (ties, NULLs, late rows), computed by Flink 2.3 in differential testing.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND
);

SELECT n, COUNT(*) AS users, SUM(tot) AS tot, MAX(u) AS maxu
FROM (SELECT user_id AS u, COUNT(*) AS n, SUM(duration_ms) AS tot FROM clicks GROUP BY user_id)
GROUP BY n;
