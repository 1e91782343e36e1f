CREATE TABLE clicks (user_id INT, page STRING, `timestamp` TIMESTAMP(3), WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND);
SELECT page, COUNT(*) FILTER (WHERE user_id > 110) AS big_users, STDDEV_SAMP(user_id) AS sd, VAR_POP(user_id) AS vp,
       FIRST_VALUE(user_id) AS first_user, LAST_VALUE(user_id) AS last_user, LISTAGG(CAST(user_id AS STRING), '|') AS users
FROM clicks GROUP BY page;
