-- Result types: AVG of an integer is an integer, decimals keep their scale, INT sums wrap as in Java.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND
);

SELECT TUMBLE_START(`timestamp`, INTERVAL '20' SECOND) AS ws, page,
  AVG(CAST(duration_ms AS INT)) AS avg_int, AVG(CAST(duration_ms AS DOUBLE)) AS avg_double,
  SUM(CAST(duration_ms AS INT) * 100000) AS wrapped, MAX(duration_ms / 7) AS int_div,
  SUM(CAST(duration_ms AS DOUBLE) / 7) AS dbl
FROM clicks
GROUP BY TUMBLE(`timestamp`, INTERVAL '20' SECOND), page;
