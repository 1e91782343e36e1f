CREATE TABLE clicks (user_id INT, page STRING, `timestamp` TIMESTAMP(3), WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND);
SELECT page, user_id, `timestamp`,
  LISTAGG(CAST(user_id AS STRING)) OVER w AS users,
  FIRST_VALUE(user_id) OVER w AS first_user,
  LAST_VALUE(user_id) OVER w AS last_user,
  VAR_SAMP(user_id) OVER w AS vs,
  STDDEV_POP(CAST(user_id AS DOUBLE)) OVER w AS sd
FROM clicks
WINDOW w AS (PARTITION BY page ORDER BY `timestamp` ROWS BETWEEN 3 PRECEDING AND CURRENT ROW);
