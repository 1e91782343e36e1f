CREATE TABLE clicks (user_id INT, page STRING, `timestamp` TIMESTAMP(3), duration_ms BIGINT, WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND);
SELECT UPPER(page) AS p, COUNT(*) AS n, SUM(duration_ms) / COUNT(*) AS per_click, CASE WHEN COUNT(*) > 10 THEN 'busy' ELSE 'quiet' END AS label, MIN(`timestamp`) AS first_seen, MAX(page) AS mx FROM clicks GROUP BY UPPER(page);
