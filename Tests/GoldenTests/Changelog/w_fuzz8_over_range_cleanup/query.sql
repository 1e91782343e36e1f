CREATE TABLE clicks (user_id INT, `timestamp` TIMESTAMP(3), v INT, WATERMARK FOR `timestamp` AS `timestamp`);
SELECT user_id, `timestamp`, COUNT(*) OVER w AS c, SUM(v) OVER w AS s FROM clicks WINDOW w AS (PARTITION BY user_id ORDER BY `timestamp` RANGE BETWEEN INTERVAL '1' SECOND PRECEDING AND CURRENT ROW);
