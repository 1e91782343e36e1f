-- The same Top-1 with rn selected: the update is -U/+U in place. Computed by Flink 2.3.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND
);
SELECT page, c, rn FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY c DESC, page) AS rn FROM (SELECT page, user_id, COUNT(*) AS c FROM clicks GROUP BY page, user_id)) WHERE rn <= 1;
