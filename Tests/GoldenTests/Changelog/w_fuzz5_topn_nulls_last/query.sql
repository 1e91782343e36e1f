CREATE TABLE clicks (
  user_id INT, page STRING, `timestamp` TIMESTAMP(3), duration_ms BIGINT, amt DECIMAL(10, 2), score DOUBLE,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND
);
SELECT page, score FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY score ASC NULLS LAST) AS rn FROM clicks) WHERE rn <= 2;
