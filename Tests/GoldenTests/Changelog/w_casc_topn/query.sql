CREATE TABLE bid (supplier STRING, item STRING, price INT, bidtime TIMESTAMP(3), WATERMARK FOR bidtime AS bidtime - INTERVAL '1' MINUTE);
WITH w1 AS (SELECT window_start AS ws, window_end AS we, window_time AS rowtime, supplier, SUM(price) AS partial_price, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTE)) GROUP BY supplier, window_start, window_end, window_time)
SELECT * FROM (SELECT window_start, window_end, supplier, total, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY total DESC) AS rk FROM (SELECT window_start, window_end, supplier, SUM(partial_price) AS total FROM TABLE(TUMBLE(TABLE w1, DESCRIPTOR(rowtime), INTERVAL '15' MINUTE)) GROUP BY window_start, window_end, supplier)) WHERE rk <= 1;
