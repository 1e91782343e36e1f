-- WITH t (a, b) AS (SELECT …): the column list names the query's columns. Computed by Flink 2.3.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND
);
WITH t(a, b) AS (SELECT user_id, page FROM clicks) SELECT a, b FROM t WHERE a > 101;
