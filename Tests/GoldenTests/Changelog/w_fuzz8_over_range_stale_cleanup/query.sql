CREATE TABLE clicks (user_id INT, `timestamp` TIMESTAMP(3), WATERMARK FOR `timestamp` AS `timestamp`);
SELECT user_id, `timestamp`, COUNT(*) OVER (PARTITION BY user_id ORDER BY `timestamp` RANGE BETWEEN INTERVAL '3' SECOND PRECEDING AND CURRENT ROW) AS c FROM clicks;
