CREATE TABLE clicks (user_id INT, page STRING, `timestamp` TIMESTAMP(3), duration_ms BIGINT, WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '2' SECOND);
WITH a AS (SELECT user_id, page, `timestamp` FROM clicks WHERE page = '/cart'), b AS (SELECT user_id, page, `timestamp` FROM clicks WHERE page = '/checkout')
SELECT a.user_id, a.`timestamp` AS carted, b.`timestamp` AS checked_out FROM a, b WHERE a.user_id = b.user_id AND b.`timestamp` BETWEEN a.`timestamp` AND a.`timestamp` + INTERVAL '30' SECOND;
