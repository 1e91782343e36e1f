CREATE TABLE clicks (user_id INT, page STRING, `timestamp` TIMESTAMP(3), duration_ms BIGINT, WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND);
SELECT DATE_FORMAT(`timestamp`, 'yyyy/MM/dd HH:mm:ss.SSS') AS f, EXTRACT(MINUTE FROM `timestamp`) AS mi, EXTRACT(DOW FROM `timestamp`) AS dow, EXTRACT(DOY FROM `timestamp`) AS doy, EXTRACT(WEEK FROM `timestamp`) AS wk, EXTRACT(MILLISECOND FROM `timestamp`) AS ms,
  CEIL(`timestamp` TO MINUTE) AS ceiled, FLOOR(`timestamp` TO DAY) AS day_start, FLOOR(`timestamp` TO MONTH) AS month_start, YEAR(`timestamp`) AS y, MONTH(`timestamp`) AS mo, DAYOFMONTH(`timestamp`) AS dm, MINUTE(`timestamp`) AS mn, SECOND(`timestamp`) AS s,
  TIMESTAMPDIFF(MINUTE, TIMESTAMP '2024-04-25 09:58:30', `timestamp`) AS mins, TIMESTAMPDIFF(MONTH, TIMESTAMP '2024-01-31 00:00:00', `timestamp`) AS months, TIMESTAMPADD(DAY, 7, `timestamp`) AS week_later,
  REGEXP_EXTRACT(page, '/(\w+)/?(\d*)', 2) AS num, REGEXP_EXTRACT(page, 'x(y)', 1) AS nothing, SPLIT_INDEX(page, '/', 2) AS second_part, LPAD(page, 4, '*') AS lp, RPAD(CAST(duration_ms AS STRING), 7, 'ab') AS rp
FROM clicks WHERE user_id < 125;
