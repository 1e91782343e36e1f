-- UNNEST of an array written out, with no table: its elements as rows, in order. Computed by Flink 2.3.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND
);
SELECT x FROM UNNEST(ARRAY[3, 1, 2]) AS t(x);
