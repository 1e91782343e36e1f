CREATE TABLE clicks (
  user_id INT, page STRING, `timestamp` TIMESTAMP(3), duration_ms BIGINT, amt DECIMAL(10, 2), score DOUBLE,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND
);
SELECT user_id, page, AVG(score) OVER w AS av, SUM(score) OVER w AS s, MIN(amt) OVER w AS mn, COUNT(page) OVER w AS cp, FIRST_VALUE(page) OVER w AS fp, LAST_VALUE(page) OVER w AS lp FROM clicks WINDOW w AS (PARTITION BY user_id ORDER BY `timestamp` RANGE BETWEEN INTERVAL '3' SECOND PRECEDING AND CURRENT ROW);
