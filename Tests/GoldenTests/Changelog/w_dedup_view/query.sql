CREATE TABLE clicks (user_id INT, page STRING, `timestamp` TIMESTAMP(3), duration_ms BIGINT, WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '2' SECOND);
WITH slow AS (SELECT * FROM clicks WHERE duration_ms > 2000)
SELECT user_id, page FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY `timestamp` DESC) AS rn FROM slow) WHERE rn = 1;
