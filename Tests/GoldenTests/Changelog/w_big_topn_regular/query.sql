-- A variant of the shared changelog case v_topn_regular on hundreds to two thousand generated rows: late and tied timestamps, NULL and empty keys, repeated keys. Computed by Flink 2.3.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '2' SECOND
);
SELECT page, c, rn FROM (SELECT page, c, ROW_NUMBER() OVER (ORDER BY c DESC) AS rn FROM (SELECT page, COUNT(*) AS c FROM clicks GROUP BY page)) WHERE rn <= 3;
