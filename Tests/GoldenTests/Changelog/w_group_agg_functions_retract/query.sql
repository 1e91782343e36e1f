CREATE TABLE clicks (user_id INT, page STRING, `timestamp` TIMESTAMP(3), WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND);
SELECT c, LISTAGG(page) AS pages, FIRST_VALUE(page) AS first_page, LAST_VALUE(page) AS last_page,
       STDDEV_POP(u) AS sd, VAR_SAMP(u) AS vs
FROM (SELECT page, COUNT(*) AS c, SUM(user_id) AS u FROM clicks GROUP BY page)
GROUP BY c;
