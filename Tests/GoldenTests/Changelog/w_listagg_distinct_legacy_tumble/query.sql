-- LISTAGG(DISTINCT) in GROUP BY TUMBLE(...) (Flink's one-phase legacy window operator): values in arrival order. Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, `timestamp` TIMESTAMP(3), WATERMARK FOR `timestamp` AS `timestamp`);
SELECT TUMBLE_START(`timestamp`, INTERVAL '1' MINUTE) AS ws, user_id, LISTAGG(DISTINCT page) AS pages, COUNT(*) AS c
FROM clicks
GROUP BY TUMBLE(`timestamp`, INTERVAL '1' MINUTE), user_id;
