-- (SELECT …) AS t (u, p): the column list names the subquery's columns. Computed by Flink 2.3.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND
);
SELECT u, p FROM (SELECT user_id, page FROM clicks) AS t(u, p) WHERE u > 101;
