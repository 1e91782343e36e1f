CREATE TABLE clicks (user_id INT, page STRING, `timestamp` TIMESTAMP(3), WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND);
SELECT user_id, page, `timestamp`,
  COUNT(*) OVER w AS n,
  LISTAGG(page, '|') OVER w AS pages,
  MAX(user_id) OVER w AS top
FROM clicks
WINDOW w AS (PARTITION BY user_id % 5, UPPER(SUBSTRING(page FROM 2 FOR 1)) ORDER BY `timestamp` ROWS BETWEEN 2 PRECEDING AND CURRENT ROW);
